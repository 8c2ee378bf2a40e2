"""The demo: its story (`story`: companies and cases as plain data), the story loaded through the application
layer (`load`: what `wasnaker up --demo` records), and the narrated `wasnaker demo` command (`narrated`: the
story told through the stage flows by Prefect itself)."""
