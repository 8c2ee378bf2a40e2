"""The figures coordinators, heads and the ministry watch, computed by SQL aggregates (never a Python loop over
cases): the deadline radar, the enforcement funnel, workload, and time per stage. Every figure has a drill-down
function built on the same SQL, so a count and the cases listed behind it cannot disagree. Results are plain
dicts and lists with the Indonesian labels of the lifecycle table and the policy, ready for a page, a chart, a
PDF or a spreadsheet.

Scope: every function takes `offices`, a tuple of office ids, or None for every office; the application layer
(wasnaker.application.figures) decides which offices a signed-in officer may see."""
