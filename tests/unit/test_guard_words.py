"""Every refusal a guard can give carries its Indonesian words for the web pages: no guard returns a bare string
(which the pages would have to quote in English), checked on the source, and each Reason keeps both."""

import ast
import inspect

from wasnaker.domain import guards


def _bare(value) -> bool:
    """A string literal, an f-string, or a choice or concatenation with one: not a `say(...)`."""
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    if isinstance(value, ast.IfExp):
        return _bare(value.body) or _bare(value.orelse)
    if isinstance(value, ast.BinOp | ast.BoolOp):
        return any(_bare(v) for v in (getattr(value, "values", None) or (value.left, value.right)))
    return False


def _bare_strings(tree) -> list[int]:
    """Lines where a function returns a bare string."""
    return [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Return) and node.value is not None
            and _bare(node.value)]


def test_no_guard_returns_a_refusal_without_its_indonesian_words():
    source = inspect.getsource(guards)
    tree = ast.parse(source)
    allowed = {n.lineno for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name in ("offence_key",)
               for n in ast.walk(f) if isinstance(n, ast.Return)}
    assert [line for line in _bare_strings(tree) if line not in allowed] == []


def test_a_reason_is_the_english_line_carrying_the_indonesian_one():
    reason = guards.say("2 finding(s) still open", "2 temuan masih terbuka")
    assert reason == "2 finding(s) still open" and f"{reason}" == "2 finding(s) still open"
    assert reason.indonesian == "2 temuan masih terbuka"
