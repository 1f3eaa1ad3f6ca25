"""Every audit code and detail key written anywhere in the code base has words for staff.

The test reads the source: a new `log_action(...)` with a code or a key the registry
does not know fails here, not in front of a supervisor.
"""

import ast
import re
from pathlib import Path

import guyub
from guyub.catalog.services import REVIEW_OUTCOMES
from guyub.core.audit_actions import ACTIONS, DATA_KEYS
from guyub.members.models import SimpananKind, SimpananTransaction

SOURCE = Path(guyub.__file__).parent
NOT_DATA = {"cooperative", "actor", "action", "obj"}


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def _calls():
    """(path, enclosing function, call, module) for every log_action call."""
    for path, module in _modules():
        for func in ast.walk(module):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "log_action"):
                    yield path, func, node, module


def _module_dict_values(module, name):
    for node in module.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if getattr(target, "id", None) == name and isinstance(node.value, ast.Dict):
            return [v.value for v in node.value.values if isinstance(v, ast.Constant)]
    return None


def _codes(node, func, module):
    """The action codes an expression can take: constants, or regexes for f-strings."""
    if isinstance(node, ast.Constant):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body, func, module) + _codes(node.orelse, func, module)
    if isinstance(node, ast.JoinedStr):
        pattern = "".join(re.escape(p.value) if isinstance(p, ast.Constant) else "[a-z_]+"
                          for p in node.values)
        return [re.compile(pattern)]
    if isinstance(node, ast.Name):
        found = []
        for assign in ast.walk(func):
            if isinstance(assign, ast.Assign) and any(
                    getattr(t, "id", None) == node.id for t in assign.targets):
                value = assign.value
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
                    value = value.func.value  # TRANSITIONS.get(...)
                if isinstance(value, ast.Name):
                    found += _module_dict_values(module, value.id) or []
                else:
                    found += _codes(value, func, module)
        return found
    raise AssertionError(f"cannot read the action code {ast.dump(node)}")


def _data_keys(call, func):
    for keyword in call.keywords:
        if keyword.arg is not None:
            if keyword.arg not in NOT_DATA:
                yield keyword.arg
            continue
        # **before: a dict literal built in the same function
        for assign in ast.walk(func):
            if (isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Dict)
                    and any(getattr(t, "id", None) == keyword.value.id
                            for t in assign.targets)):
                yield from (k.value for k in assign.value.keys)


def test_the_scan_finds_the_calls():
    assert len(list(_calls())) > 50


def test_every_action_code_in_the_code_base_has_a_description():
    missing = []
    for path, func, call, module in _calls():
        action = next(k.value for k in call.keywords if k.arg == "action")
        codes = _codes(action, func, module)
        assert codes, f"{path}:{call.lineno}: no code found"
        for code in codes:
            if isinstance(code, str) and code not in ACTIONS:
                missing.append(f"{path.name}:{call.lineno} {code}")
            elif not isinstance(code, str) and not any(code.fullmatch(c) for c in ACTIONS):
                missing.append(f"{path.name}:{call.lineno} {code.pattern}")
    assert missing == []


def test_the_codes_built_from_parts_all_have_descriptions():
    built = [f"product.{o}" for o in REVIEW_OUTCOMES]
    built += [f"simpanan.{k}.{t}" for k in SimpananKind.values
              for t in SimpananTransaction.Type.values]
    assert [code for code in built if code not in ACTIONS] == []


def test_every_data_key_in_the_code_base_has_a_label():
    missing = sorted({f"{path.name}:{call.lineno} {key}"
                      for path, func, call, _module in _calls()
                      for key in _data_keys(call, func) if key not in DATA_KEYS})
    assert missing == []


def test_descriptions_are_indonesian_phrases_not_codes():
    for code, phrase in ACTIONS.items():
        assert "." not in str(phrase).rstrip(":"), code
        assert str(phrase)[0].islower(), code
    for key, (label, _kind) in DATA_KEYS.items():
        assert "_" not in str(label), key
