"""composer.lock validator generated ahead of time from Composer's schemas; do not edit by hand.

Regenerate with ``python -m aegir.drivers.drupal._lock_schema`` (from ``schemas/composer-lock-schema.json``
and ``schemas/composer-schema.json``; the generator and its rules are in ``_lock_schema.py``).
Call ``validate(doc)``: it returns None, or raises ``LockViolation`` for the first value that breaks
the schema. Each function checks the schema location named in its first comment.
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
import re

from aegir.drivers.drupal._lock_violation import (
    LockViolation, forbidden, key_of, missing, no_match, not_one_of, out_of_range, position, too_few,
    too_many, unexpected, wrong_type,
)

NoneType = type(None)

def _re0(s):
    global _re0
    _re0 = re.compile('^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$').search
    return _re0(s)

def _re1(s):
    global _re1
    _re1 = re.compile('^[a-z0-9-]+$').search
    return _re1(s)

def _re2(s):
    global _re2
    _re2 = re.compile('^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$').search
    return _re2(s)

def _re3(s):
    global _re3
    _re3 = re.compile('^ignore(?!-unreachable$)').search
    return _re3(s)

def _re4(s):
    global _re4
    _re4 = re.compile('^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$').search
    return _re4(s)

def _re5(s):
    global _re5
    _re5 = re.compile('^[a-zA-Z0-9][a-zA-Z0-9-_]*$').search
    return _re5(s)

def _re6(s):
    global _re6
    _re6 = re.compile('^https://').search
    return _re6(s)

def _v0(v):
    # composer-lock-schema.json#
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('content-hash' in v and 'packages' in v and 'packages-dev' in v): raise missing(v, ('content-hash', 'packages', 'packages-dev'))
    try:
        for k, x in v.items():
            t = _C0.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C2[k])
            else:
                f = _C1.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v1(v):
    # composer-lock-schema.json#/properties/_readme
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v2(v):
    # composer-lock-schema.json#/properties/packages
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v9(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v3(v):
    # composer-lock-schema.json#/properties/packages-dev
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v9(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v4(v):
    # composer-lock-schema.json#/properties/aliases
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v10(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v5(v):
    # composer-lock-schema.json#/properties/stability-flags
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v11(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v6(v):
    # composer-lock-schema.json#/properties/platform
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v7(v):
    # composer-lock-schema.json#/properties/platform-dev
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v8(v):
    # composer-lock-schema.json#/properties/platform-overrides
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v9(v):
    # composer-schema.json#
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C3.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C5[k])
            else:
                f = _C4.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v10(v):
    # composer-lock-schema.json#/properties/aliases/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('package' in v and 'version' in v and 'alias' in v and 'alias_normalized' in v): raise missing(v, ('package', 'version', 'alias', 'alias_normalized'))
    try:
        for k, x in v.items():
            t = _C6.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C7[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v11(v):
    # composer-lock-schema.json#/properties/stability-flags/additionalProperties
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v12(v):
    # composer-schema.json#/properties/name
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not _re0(v): raise no_match(v, '^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$')

def _v13(v):
    # composer-schema.json#/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not _re1(v): raise no_match(v, '^[a-z0-9-]+$')

def _v14(v):
    # composer-schema.json#/properties/version
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not _re2(v): raise no_match(v, '^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$')

def _v15(v):
    # composer-schema.json#/properties/non-feature-branches
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v16(v):
    # composer-schema.json#/properties/keywords
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v17(v):
    # composer-schema.json#/definitions/authors
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v40(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v18(v):
    # composer-schema.json#/properties/support
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C8.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C9[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v19(v):
    # composer-schema.json#/properties/funding
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v41(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v20(v):
    # composer-schema.json#/definitions/source
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v and 'reference' in v): raise missing(v, ('type', 'url', 'reference'))
    try:
        for k, x in v.items():
            t = _C10.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C11[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v21(v):
    # composer-schema.json#/definitions/dist
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C12.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C13[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v22(v):
    # composer-schema.json#/properties/require
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v23(v):
    # composer-schema.json#/properties/require-dev
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v24(v):
    # composer-schema.json#/properties/replace
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v25(v):
    # composer-schema.json#/properties/conflict
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v26(v):
    # composer-schema.json#/properties/provide
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v27(v):
    # composer-schema.json#/properties/suggest
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v28(v):
    # composer-schema.json#/properties/repositories
    if not (isinstance(v, (dict, list))): raise wrong_type(v, 'object or array')
    if isinstance(v, dict):
        try:
            for x in v.values():
                _v42(x)
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise
    if isinstance(v, list):
        try:
            for x in v:
                _v43(x)
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v29(v):
    # composer-schema.json#/properties/minimum-stability
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C14)): raise not_one_of(v, ('dev', 'alpha', 'beta', 'rc', 'RC', 'stable'))

def _v30(v):
    # composer-schema.json#/definitions/autoload
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C15.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C17[k])
            else:
                f = _C16.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v31(v):
    # composer-schema.json#/properties/autoload-dev
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C18.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C20[k])
            else:
                f = _C19.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v32(v):
    # composer-schema.json#/properties/include-path
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v33(v):
    # composer-schema.json#/properties/bin
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v34(v):
    # composer-schema.json#/properties/archive
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C21.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C22[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v35(v):
    # composer-schema.json#/properties/php-ext
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C23.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C25[k])
            else:
                f = _C24.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise
    _v53(v)

def _v36(v):
    # composer-schema.json#/properties/config
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C26.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C28[k])
            else:
                f = _C27.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v37(v):
    # composer-schema.json#/properties/scripts
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C29.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C30[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v38(v):
    # composer-schema.json#/properties/scripts-descriptions
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v39(v):
    # composer-schema.json#/properties/scripts-aliases
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, list): raise wrong_type(x, 'array')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v40(v):
    # composer-schema.json#/definitions/authors/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v): raise missing(v, ('name',))
    try:
        for k, x in v.items():
            if not isinstance(x, _C31[k]): raise wrong_type(x, _C32[k])
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v41(v):
    # composer-schema.json#/properties/funding/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C33.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C34[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v42(v):
    # composer-schema.json#/properties/repositories/additionalProperties
    for f in _C35:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v43(v):
    # composer-schema.json#/properties/repositories/items
    for f in _C36:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v44(v):
    # composer-schema.json#/definitions/autoload/properties/psr-0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v85(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v45(v):
    # composer-schema.json#/definitions/autoload/properties/psr-4
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v86(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v46(v):
    # composer-schema.json#/properties/autoload-dev/properties/psr-0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v87(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v47(v):
    # composer-schema.json#/properties/autoload-dev/properties/psr-4
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v88(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v48(v):
    # composer-schema.json#/properties/php-ext/properties/priority
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')
    if v < 10 or v > 99: raise out_of_range(v, 10, 99)

def _v49(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method
    n = 0
    for f in _C37:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v50(v):
    # composer-schema.json#/properties/php-ext/properties/os-families
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    if len(v) < 1: raise too_few(v, 1)
    try:
        for x in v:
            _v91(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v51(v):
    # composer-schema.json#/properties/php-ext/properties/os-families-exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    if len(v) < 1: raise too_few(v, 1)
    try:
        for x in v:
            _v92(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v52(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v93(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v53(v):
    # composer-schema.json#/properties/php-ext/allOf/0
    try:
        _v94(v)
    except LockViolation:
        pass
    else:
        raise forbidden('must not match {"required": ["os-families", "os-families-exclude"]}')

def _v54(v):
    # composer-schema.json#/properties/config/properties/platform
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, (str, bool)): raise wrong_type(x, 'string or boolean')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v55(v):
    # composer-schema.json#/properties/config/properties/allow-plugins
    if not (isinstance(v, (dict, bool))): raise wrong_type(v, 'object or boolean')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, bool): raise wrong_type(x, 'boolean')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v56(v):
    # composer-schema.json#/properties/config/properties/process-timeout
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v57(v):
    # composer-schema.json#/properties/config/properties/preferred-install
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v58(v):
    # composer-schema.json#/properties/config/properties/audit
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C38.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C40[k])
            else:
                f = _C39.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v59(v):
    # composer-schema.json#/properties/config/properties/policy
    if not (isinstance(v, (bool, dict))): raise wrong_type(v, 'boolean or object')
    if isinstance(v, dict):
        try:
            for k, x in v.items():
                known = k in _C41
                f = _C42.get(k)
                if f is not None:
                    f(x)
                if _re3(k):
                    known = True
                    _v104(x)
                if _re4(k):
                    known = True
                    _v105(x)
                if not known:
                    _v99(x)
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v60(v):
    # composer-schema.json#/properties/config/properties/github-protocols
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v61(v):
    # composer-schema.json#/properties/config/properties/github-oauth
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v62(v):
    # composer-schema.json#/properties/config/properties/gitlab-oauth
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v106(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v63(v):
    # composer-schema.json#/properties/config/properties/gitlab-token
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v107(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v64(v):
    # composer-schema.json#/properties/config/properties/gitlab-protocol
    if not ((isinstance(v, str) and v in _C43)): raise not_one_of(v, ('git', 'http', 'https'))

def _v65(v):
    # composer-schema.json#/properties/config/properties/bearer
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v66(v):
    # composer-schema.json#/properties/config/properties/custom-headers
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v108(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v67(v):
    # composer-schema.json#/properties/config/properties/forgejo-token
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v109(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v68(v):
    # composer-schema.json#/properties/config/properties/secure-svn-domains
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v69(v):
    # composer-schema.json#/properties/config/properties/http-basic
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v110(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v70(v):
    # composer-schema.json#/properties/config/properties/client-certificate
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v111(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v71(v):
    # composer-schema.json#/properties/config/properties/cache-ttl
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v72(v):
    # composer-schema.json#/properties/config/properties/cache-files-ttl
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v73(v):
    # composer-schema.json#/properties/config/properties/cache-files-maxsize
    if not (isinstance(v, str) or (isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'string or integer')

def _v74(v):
    # composer-schema.json#/properties/config/properties/bin-compat
    if not ((isinstance(v, str) and v in _C44)): raise not_one_of(v, ('auto', 'full', 'proxy', 'symlink'))

def _v75(v):
    # composer-schema.json#/properties/config/properties/github-domains
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v76(v):
    # composer-schema.json#/properties/config/properties/gitlab-domains
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v77(v):
    # composer-schema.json#/properties/config/properties/forgejo-domains
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v78(v):
    # composer-schema.json#/properties/config/properties/bitbucket-oauth
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v112(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v79(v):
    # composer-schema.json#/properties/config/properties/platform-check
    if not (isinstance(v, (bool, str))): raise wrong_type(v, 'boolean or string')
    if not ((isinstance(v, str) and v in _C45) or v is True or v is False): raise not_one_of(v, ('php-only', True, False))

def _v80(v):
    # composer-schema.json#/properties/config/properties/bump-after-update
    if not (isinstance(v, (str, bool))): raise wrong_type(v, 'string or boolean')
    if not ((isinstance(v, str) and v in _C46) or v is True or v is False): raise not_one_of(v, ('dev', 'no-dev', True, False))

def _v81(v):
    # composer-schema.json#/definitions/anonymous-repository
    _v83(v)
    _v113(v)

def _v82(v):
    # composer-schema.json#/properties/repositories/additionalProperties/anyOf/1
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')
    if not (v is False): raise not_one_of(v, (False,))

def _v83(v):
    # composer-schema.json#/definitions/repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    for f in _C47:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 6 forms allowed here (anyOf), not none')

def _v84(v):
    # composer-schema.json#/properties/repositories/items/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if len(v) < 1: raise too_few(v, 1)
    if len(v) > 1: raise too_many(v, 1)
    try:
        for x in v.values():
            _v120(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v85(v):
    # composer-schema.json#/definitions/autoload/properties/psr-0/additionalProperties
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v86(v):
    # composer-schema.json#/definitions/autoload/properties/psr-4/additionalProperties
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v87(v):
    # composer-schema.json#/properties/autoload-dev/properties/psr-0/additionalProperties
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v88(v):
    # composer-schema.json#/properties/autoload-dev/properties/psr-4/additionalProperties
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v89(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method/oneOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C48)): raise not_one_of(v, ('composer-default', 'pre-packaged-source', 'pre-packaged-binary'))

def _v90(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    if len(v) < 1: raise too_few(v, 1)
    try:
        for x in v:
            _v121(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v91(v):
    # composer-schema.json#/properties/php-ext/properties/os-families/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C49)): raise not_one_of(v, ('windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'))

def _v92(v):
    # composer-schema.json#/properties/php-ext/properties/os-families-exclude/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C50)): raise not_one_of(v, ('windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'))

def _v93(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v): raise missing(v, ('name',))
    try:
        for k, x in v.items():
            t = _C51.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C53[k])
            else:
                f = _C52.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v94(v):
    # composer-schema.json#/properties/php-ext/allOf/0/not
    if isinstance(v, dict):
        if not ('os-families' in v and 'os-families-exclude' in v): raise missing(v, ('os-families', 'os-families-exclude'))

def _v95(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore
    for f in _C54:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v96(v):
    # composer-schema.json#/properties/config/properties/audit/properties/abandoned
    if not ((isinstance(v, str) and v in _C55)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v97(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity
    for f in _C56:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v98(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned
    for f in _C57:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v99(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties
    n = 0
    for f in _C58:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v100(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories
    n = 0
    for f in _C59:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v101(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware
    n = 0
    for f in _C60:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v102(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned
    n = 0
    for f in _C61:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v103(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable
    n = 0
    for f in _C62:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v104(v):
    # composer-schema.json#/properties/config/properties/policy/patternProperties/^ignore(?!-unreachable$)
    raise forbidden('is not allowed here')

def _v105(v):
    # composer-schema.json#/properties/config/properties/policy/patternProperties/^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$
    raise forbidden('is not allowed here')

def _v106(v):
    # composer-schema.json#/properties/config/properties/gitlab-oauth/additionalProperties
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        if not ('token' in v): raise missing(v, ('token',))
        try:
            for k, x in v.items():
                t = _C63.get(k)
                if t is not None:
                    if not isinstance(x, t): raise wrong_type(x, _C65[k])
                else:
                    f = _C64.get(k)
                    if f is not None:
                        f(x)
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v107(v):
    # composer-schema.json#/properties/config/properties/gitlab-token/additionalProperties
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        if not ('username' in v and 'token' in v): raise missing(v, ('username', 'token'))
        try:
            for k, x in v.items():
                t = _C66.get(k)
                if t is not None:
                    if not isinstance(x, t): raise wrong_type(x, _C67[k])
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v108(v):
    # composer-schema.json#/properties/config/properties/custom-headers/additionalProperties
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v109(v):
    # composer-schema.json#/properties/config/properties/forgejo-token/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('username' in v and 'token' in v): raise missing(v, ('username', 'token'))
    try:
        for k, x in v.items():
            t = _C68.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C69[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v110(v):
    # composer-schema.json#/properties/config/properties/http-basic/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('username' in v and 'password' in v): raise missing(v, ('username', 'password'))
    try:
        for k, x in v.items():
            t = _C70.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C71[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v111(v):
    # composer-schema.json#/properties/config/properties/client-certificate/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('local_cert' in v): raise missing(v, ('local_cert',))
    try:
        for k, x in v.items():
            t = _C72.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C73[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v112(v):
    # composer-schema.json#/properties/config/properties/bitbucket-oauth/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('consumer-key' in v and 'consumer-secret' in v): raise missing(v, ('consumer-key', 'consumer-secret'))
    try:
        for k, x in v.items():
            t = _C74.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C76[k])
            else:
                f = _C75.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v113(v):
    # composer-schema.json#/definitions/anonymous-repository/allOf/1
    try:
        _v141(v)
    except LockViolation:
        pass
    else:
        raise forbidden('must not match {"required": ["name"]}')

def _v114(v):
    # composer-schema.json#/definitions/composer-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C77.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C79[k])
            else:
                f = _C78.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v115(v):
    # composer-schema.json#/definitions/vcs-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C80.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C82[k])
            else:
                f = _C81.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v116(v):
    # composer-schema.json#/definitions/path-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C83.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C85[k])
            else:
                f = _C84.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v117(v):
    # composer-schema.json#/definitions/artifact-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C86.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C88[k])
            else:
                f = _C87.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v118(v):
    # composer-schema.json#/definitions/pear-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C89.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C91[k])
            else:
                f = _C90.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v119(v):
    # composer-schema.json#/definitions/package-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'package' in v): raise missing(v, ('type', 'package'))
    try:
        for k, x in v.items():
            t = _C92.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C94[k])
            else:
                f = _C93.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v120(v):
    # composer-schema.json#/properties/repositories/items/anyOf/1/additionalProperties
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')
    if not (v is False): raise not_one_of(v, (False,))

def _v121(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method/oneOf/1/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C95)): raise not_one_of(v, ('composer-default', 'pre-packaged-source', 'pre-packaged-binary'))

def _v122(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options/items/properties/name
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not _re5(v): raise no_match(v, '^[a-zA-Z0-9][a-zA-Z0-9-_]*$')

def _v123(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v163(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v124(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v125(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v164(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v126(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v127(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v165(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v128(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v129(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v130(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C96.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C98[k])
            else:
                f = _C97.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v131(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v132(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C99.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C101[k])
            else:
                _C100[k](x)
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v133(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v134(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C102.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C104[k])
            else:
                _C103[k](x)
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v135(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v136(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C105.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C107[k])
            else:
                _C106[k](x)
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v137(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v138(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v176(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v139(v):
    # composer-schema.json#/properties/config/properties/gitlab-oauth/additionalProperties/properties/expires-at
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v140(v):
    # composer-schema.json#/properties/config/properties/bitbucket-oauth/additionalProperties/properties/access-token-expiration
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v141(v):
    # composer-schema.json#/definitions/anonymous-repository/allOf/1/not
    if isinstance(v, dict):
        if not ('name' in v): raise missing(v, ('name',))

def _v142(v):
    # composer-schema.json#/definitions/composer-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C108)): raise not_one_of(v, ('composer',))

def _v143(v):
    # composer-schema.json#/definitions/composer-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v144(v):
    # composer-schema.json#/definitions/composer-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v145(v):
    # composer-schema.json#/definitions/composer-repository/properties/filter
    if not (isinstance(v, (bool, dict))): raise wrong_type(v, 'boolean or object')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, bool): raise wrong_type(x, 'boolean')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v146(v):
    # composer-schema.json#/definitions/vcs-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C109)): raise not_one_of(v, ('vcs', 'github', 'git', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'fossil', 'perforce', 'svn', 'forgejo'))

def _v147(v):
    # composer-schema.json#/definitions/vcs-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v148(v):
    # composer-schema.json#/definitions/vcs-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v149(v):
    # composer-schema.json#/definitions/path-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C110)): raise not_one_of(v, ('path',))

def _v150(v):
    # composer-schema.json#/definitions/path-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v151(v):
    # composer-schema.json#/definitions/path-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v152(v):
    # composer-schema.json#/definitions/path-repository/properties/options
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C111.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C113[k])
            else:
                f = _C112.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v153(v):
    # composer-schema.json#/definitions/artifact-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C114)): raise not_one_of(v, ('artifact',))

def _v154(v):
    # composer-schema.json#/definitions/artifact-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v155(v):
    # composer-schema.json#/definitions/artifact-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v156(v):
    # composer-schema.json#/definitions/pear-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C115)): raise not_one_of(v, ('pear',))

def _v157(v):
    # composer-schema.json#/definitions/pear-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v158(v):
    # composer-schema.json#/definitions/pear-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v159(v):
    # composer-schema.json#/definitions/package-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C116)): raise not_one_of(v, ('package',))

def _v160(v):
    # composer-schema.json#/definitions/package-repository/properties/only
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v161(v):
    # composer-schema.json#/definitions/package-repository/properties/exclude
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v162(v):
    # composer-schema.json#/definitions/package-repository/properties/package
    n = 0
    for f in _C117:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v163(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties
    for f in _C118:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v164(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties
    for f in _C119:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v165(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0/additionalProperties
    for f in _C120:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v166(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/audit
    if not ((isinstance(v, str) and v in _C121)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v167(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v190(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v168(v):
    # composer-schema.json#/definitions/policy-ignore
    for f in _C122:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v169(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories/oneOf/1/properties/audit
    if not ((isinstance(v, str) and v in _C123)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v170(v):
    # composer-schema.json#/definitions/policy-ignore-id
    for f in _C124:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v171(v):
    # composer-schema.json#/definitions/policy-ignore-severity
    for f in _C125:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v172(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1/properties/block-scope
    if not ((isinstance(v, str) and v in _C126)): raise not_one_of(v, ('all', 'update', 'install'))

def _v173(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1/properties/audit
    if not ((isinstance(v, str) and v in _C127)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v174(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1/properties/ignore-source
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v175(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned/oneOf/1/properties/audit
    if not ((isinstance(v, str) and v in _C128)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v176(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable/oneOf/1/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C129)): raise not_one_of(v, ('audit', 'install', 'update'))

def _v177(v):
    # composer-schema.json#/definitions/path-repository/properties/options/properties/reference
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C130)): raise not_one_of(v, ('none', 'config', 'auto'))

def _v178(v):
    # composer-schema.json#/definitions/path-repository/properties/options/properties/versions
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v179(v):
    # composer-schema.json#/definitions/inline-package
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v and 'version' in v): raise missing(v, ('name', 'version'))
    try:
        for k, x in v.items():
            t = _C131.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C133[k])
            else:
                f = _C132.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v180(v):
    # composer-schema.json#/definitions/package-repository/properties/package/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v179(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v181(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v182(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C134.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C136[k])
            else:
                f = _C135.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v183(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/2
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v184(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v185(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C137.get(k)
            if f is not None:
                f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v186(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties/anyOf/2
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v187(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v188(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0/additionalProperties/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C138.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C140[k])
            else:
                f = _C139.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v189(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0/additionalProperties/anyOf/2
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v190(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            _C141[k](x)
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v191(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/0
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v192(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v212(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v193(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/0
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v194(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v213(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v195(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0
    for f in _C142:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v196(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v197(v):
    # composer-schema.json#/definitions/inline-package/properties/keywords
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v198(v):
    # composer-schema.json#/definitions/inline-package/properties/require
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v199(v):
    # composer-schema.json#/definitions/inline-package/properties/replace
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v200(v):
    # composer-schema.json#/definitions/inline-package/properties/conflict
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v201(v):
    # composer-schema.json#/definitions/inline-package/properties/provide
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v202(v):
    # composer-schema.json#/definitions/inline-package/properties/require-dev
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v203(v):
    # composer-schema.json#/definitions/inline-package/properties/suggest
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v204(v):
    # composer-schema.json#/definitions/inline-package/properties/archive
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C143.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C144[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v205(v):
    # composer-schema.json#/definitions/inline-package/properties/bin
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v206(v):
    # composer-schema.json#/definitions/inline-package/properties/include-path
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v207(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/1/properties/apply
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C145)): raise not_one_of(v, ('audit', 'block', 'all'))

def _v208(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties/anyOf/1/properties/apply
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C146)): raise not_one_of(v, ('audit', 'block', 'all'))

def _v209(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-abandoned/anyOf/0/additionalProperties/anyOf/1/properties/apply
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C147)): raise not_one_of(v, ('audit', 'block', 'all'))

def _v210(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C148)): raise not_one_of(v, ('url',))

def _v211(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items/properties/url
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not _re6(v): raise no_match(v, '^https://')

def _v212(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties
    for f in _C149:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 4 forms allowed here (anyOf), not none')

def _v213(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties
    for f in _C150:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v214(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/0
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v223(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v215(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v224(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v216(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v217(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/1
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v218(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/2
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C151.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C152[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v219(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/3
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v225(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v220(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v221(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties/anyOf/1
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v222(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties/anyOf/2
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C153.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C154[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v223(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/0/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C155)): raise not_one_of(v, ('low', 'medium', 'high', 'critical'))

def _v224(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/1/additionalProperties
    for f in _C156:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v225(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/3/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C157.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C158[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v226(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/1/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v227(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/1/additionalProperties/anyOf/1
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v228(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/1/additionalProperties/anyOf/2
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C159.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C160[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

_C0 = {'content-hash': str, 'minimum-stability': str, 'prefer-stable': bool, 'prefer-lowest': bool, 'plugin-api-version': str}
_C1 = {'_readme': _v1, 'packages': _v2, 'packages-dev': _v3, 'aliases': _v4, 'stability-flags': _v5, 'platform': _v6, 'platform-dev': _v7, 'platform-overrides': _v8}
_C2 = {'content-hash': 'string', 'minimum-stability': 'string', 'prefer-stable': 'boolean', 'prefer-lowest': 'boolean', 'plugin-api-version': 'string'}
_C3 = {'description': str, 'license': (str, list), 'abandoned': (bool, str), 'default-branch': bool, 'readme': str, 'time': str, 'homepage': str, '_comment': (list, str), 'prefer-stable': bool, 'target-dir': str, 'extra': (dict, list)}
_C4 = {'name': _v12, 'type': _v13, 'version': _v14, 'non-feature-branches': _v15, 'keywords': _v16, 'authors': _v17, 'support': _v18, 'funding': _v19, 'source': _v20, 'dist': _v21, 'require': _v22, 'require-dev': _v23, 'replace': _v24, 'conflict': _v25, 'provide': _v26, 'suggest': _v27, 'repositories': _v28, 'minimum-stability': _v29, 'autoload': _v30, 'autoload-dev': _v31, 'include-path': _v32, 'bin': _v33, 'archive': _v34, 'php-ext': _v35, 'config': _v36, 'scripts': _v37, 'scripts-descriptions': _v38, 'scripts-aliases': _v39}
_C5 = {'description': 'string', 'license': 'string or array', 'abandoned': 'boolean or string', 'default-branch': 'boolean', 'readme': 'string', 'time': 'string', 'homepage': 'string', '_comment': 'array or string', 'prefer-stable': 'boolean', 'target-dir': 'string', 'extra': 'object or array'}
_C6 = {'package': str, 'version': str, 'alias': str, 'alias_normalized': str}
_C7 = {'package': 'string', 'version': 'string', 'alias': 'string', 'alias_normalized': 'string'}
_C8 = {'email': str, 'issues': str, 'forum': str, 'wiki': str, 'irc': str, 'chat': str, 'source': str, 'docs': str, 'rss': str, 'security': str}
_C9 = {'email': 'string', 'issues': 'string', 'forum': 'string', 'wiki': 'string', 'irc': 'string', 'chat': 'string', 'source': 'string', 'docs': 'string', 'rss': 'string', 'security': 'string'}
_C10 = {'type': str, 'url': str, 'reference': str, 'mirrors': list}
_C11 = {'type': 'string', 'url': 'string', 'reference': 'string', 'mirrors': 'array'}
_C12 = {'type': str, 'url': str, 'reference': str, 'shasum': str, 'mirrors': list}
_C13 = {'type': 'string', 'url': 'string', 'reference': 'string', 'shasum': 'string', 'mirrors': 'array'}
_C14 = frozenset(('RC', 'alpha', 'beta', 'dev', 'rc', 'stable', ))
_C15 = {'classmap': list, 'files': list, 'exclude-from-classmap': list}
_C16 = {'psr-0': _v44, 'psr-4': _v45}
_C17 = {'classmap': 'array', 'files': 'array', 'exclude-from-classmap': 'array'}
_C18 = {'classmap': list, 'files': list}
_C19 = {'psr-0': _v46, 'psr-4': _v47}
_C20 = {'classmap': 'array', 'files': 'array'}
_C21 = {'name': str, 'exclude': list}
_C22 = {'name': 'string', 'exclude': 'array'}
_C23 = {'extension-name': str, 'support-zts': bool, 'support-nts': bool, 'build-path': (str, NoneType)}
_C24 = {'priority': _v48, 'download-url-method': _v49, 'os-families': _v50, 'os-families-exclude': _v51, 'configure-options': _v52}
_C25 = {'extension-name': 'string', 'support-zts': 'boolean', 'support-nts': 'boolean', 'build-path': 'string or null'}
_C26 = {'use-include-path': bool, 'use-parent-dir': (str, bool), 'notify-on-install': bool, 'source-fallback': bool, 'disable-tls': bool, 'secure-http': bool, 'cafile': str, 'capath': str, 'store-auths': (str, bool), 'vendor-dir': str, 'bin-dir': str, 'data-dir': str, 'cache-dir': str, 'cache-files-dir': str, 'cache-repo-dir': str, 'cache-vcs-dir': str, 'cache-read-only': bool, 'discard-changes': (str, bool), 'autoloader-suffix': str, 'optimize-autoloader': bool, 'prepend-autoloader': bool, 'classmap-authoritative': bool, 'apcu-autoloader': bool, 'github-expose-hostname': bool, 'use-github-api': bool, 'archive-format': str, 'archive-dir': str, 'htaccess-protect': bool, 'sort-packages': bool, 'lock': bool, 'allow-missing-requirements': bool, 'update-with-minimal-changes': bool}
_C27 = {'platform': _v54, 'allow-plugins': _v55, 'process-timeout': _v56, 'preferred-install': _v57, 'audit': _v58, 'policy': _v59, 'github-protocols': _v60, 'github-oauth': _v61, 'gitlab-oauth': _v62, 'gitlab-token': _v63, 'gitlab-protocol': _v64, 'bearer': _v65, 'custom-headers': _v66, 'forgejo-token': _v67, 'secure-svn-domains': _v68, 'http-basic': _v69, 'client-certificate': _v70, 'cache-ttl': _v71, 'cache-files-ttl': _v72, 'cache-files-maxsize': _v73, 'bin-compat': _v74, 'github-domains': _v75, 'gitlab-domains': _v76, 'forgejo-domains': _v77, 'bitbucket-oauth': _v78, 'platform-check': _v79, 'bump-after-update': _v80}
_C28 = {'use-include-path': 'boolean', 'use-parent-dir': 'string or boolean', 'notify-on-install': 'boolean', 'source-fallback': 'boolean', 'disable-tls': 'boolean', 'secure-http': 'boolean', 'cafile': 'string', 'capath': 'string', 'store-auths': 'string or boolean', 'vendor-dir': 'string', 'bin-dir': 'string', 'data-dir': 'string', 'cache-dir': 'string', 'cache-files-dir': 'string', 'cache-repo-dir': 'string', 'cache-vcs-dir': 'string', 'cache-read-only': 'boolean', 'discard-changes': 'string or boolean', 'autoloader-suffix': 'string', 'optimize-autoloader': 'boolean', 'prepend-autoloader': 'boolean', 'classmap-authoritative': 'boolean', 'apcu-autoloader': 'boolean', 'github-expose-hostname': 'boolean', 'use-github-api': 'boolean', 'archive-format': 'string', 'archive-dir': 'string', 'htaccess-protect': 'boolean', 'sort-packages': 'boolean', 'lock': 'boolean', 'allow-missing-requirements': 'boolean', 'update-with-minimal-changes': 'boolean'}
_C29 = {'pre-install-cmd': (list, str), 'post-install-cmd': (list, str), 'pre-update-cmd': (list, str), 'post-update-cmd': (list, str), 'pre-status-cmd': (list, str), 'post-status-cmd': (list, str), 'pre-package-install': (list, str), 'post-package-install': (list, str), 'pre-package-update': (list, str), 'post-package-update': (list, str), 'pre-package-uninstall': (list, str), 'post-package-uninstall': (list, str), 'pre-autoload-dump': (list, str), 'post-autoload-dump': (list, str), 'post-root-package-install': (list, str), 'post-create-project-cmd': (list, str)}
_C30 = {'pre-install-cmd': 'array or string', 'post-install-cmd': 'array or string', 'pre-update-cmd': 'array or string', 'post-update-cmd': 'array or string', 'pre-status-cmd': 'array or string', 'post-status-cmd': 'array or string', 'pre-package-install': 'array or string', 'post-package-install': 'array or string', 'pre-package-update': 'array or string', 'post-package-update': 'array or string', 'pre-package-uninstall': 'array or string', 'post-package-uninstall': 'array or string', 'pre-autoload-dump': 'array or string', 'post-autoload-dump': 'array or string', 'post-root-package-install': 'array or string', 'post-create-project-cmd': 'array or string'}
_C31 = {'name': str, 'email': str, 'homepage': str, 'role': str}
_C32 = {'name': 'string', 'email': 'string', 'homepage': 'string', 'role': 'string'}
_C33 = {'type': str, 'url': str}
_C34 = {'type': 'string', 'url': 'string'}
_C35 = (_v81, _v82, )
_C36 = (_v83, _v84, )
_C37 = (_v89, _v90, )
_C38 = {'ignore-unreachable': bool, 'block-insecure': bool, 'block-abandoned': bool}
_C39 = {'ignore': _v95, 'abandoned': _v96, 'ignore-severity': _v97, 'ignore-abandoned': _v98}
_C40 = {'ignore-unreachable': 'boolean', 'block-insecure': 'boolean', 'block-abandoned': 'boolean'}
_C41 = frozenset(('abandoned', 'advisories', 'ignore-unreachable', 'malware', ))
_C42 = {'advisories': _v100, 'malware': _v101, 'abandoned': _v102, 'ignore-unreachable': _v103}
_C43 = frozenset(('git', 'http', 'https', ))
_C44 = frozenset(('auto', 'full', 'proxy', 'symlink', ))
_C45 = frozenset(('php-only', ))
_C46 = frozenset(('dev', 'no-dev', ))
_C47 = (_v114, _v115, _v116, _v117, _v118, _v119, )
_C48 = frozenset(('composer-default', 'pre-packaged-binary', 'pre-packaged-source', ))
_C49 = frozenset(('bsd', 'darwin', 'linux', 'solaris', 'unknown', 'windows', ))
_C50 = frozenset(('bsd', 'darwin', 'linux', 'solaris', 'unknown', 'windows', ))
_C51 = {'needs-value': bool, 'description': str}
_C52 = {'name': _v122}
_C53 = {'needs-value': 'boolean', 'description': 'string'}
_C54 = (_v123, _v124, )
_C55 = frozenset(('fail', 'ignore', 'report', ))
_C56 = (_v125, _v126, )
_C57 = (_v127, _v128, )
_C58 = (_v129, _v130, )
_C59 = (_v131, _v132, )
_C60 = (_v133, _v134, )
_C61 = (_v135, _v136, )
_C62 = (_v137, _v138, )
_C63 = {'refresh-token': str, 'token': str}
_C64 = {'expires-at': _v139}
_C65 = {'refresh-token': 'string', 'token': 'string'}
_C66 = {'username': str, 'token': str}
_C67 = {'username': 'string', 'token': 'string'}
_C68 = {'username': str, 'token': str}
_C69 = {'username': 'string', 'token': 'string'}
_C70 = {'username': str, 'password': str}
_C71 = {'username': 'string', 'password': 'string'}
_C72 = {'local_cert': str, 'local_pk': str, 'passphrase': str}
_C73 = {'local_cert': 'string', 'local_pk': 'string', 'passphrase': 'string'}
_C74 = {'consumer-key': str, 'consumer-secret': str, 'access-token': str}
_C75 = {'access-token-expiration': _v140}
_C76 = {'consumer-key': 'string', 'consumer-secret': 'string', 'access-token': 'string'}
_C77 = {'name': str, 'url': str, 'canonical': bool, 'options': dict, 'allow_ssl_downgrade': bool, 'force-lazy-providers': bool}
_C78 = {'type': _v142, 'only': _v143, 'exclude': _v144, 'filter': _v145}
_C79 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'options': 'object', 'allow_ssl_downgrade': 'boolean', 'force-lazy-providers': 'boolean'}
_C80 = {'name': str, 'url': str, 'canonical': bool, 'no-api': bool, 'secure-http': bool, 'svn-cache-credentials': bool, 'trunk-path': (str, bool), 'branches-path': (str, bool), 'tags-path': (str, bool), 'package-path': str, 'depot': str, 'branch': str, 'unique_perforce_client_name': str, 'p4user': str, 'p4password': str}
_C81 = {'type': _v146, 'only': _v147, 'exclude': _v148}
_C82 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'no-api': 'boolean', 'secure-http': 'boolean', 'svn-cache-credentials': 'boolean', 'trunk-path': 'string or boolean', 'branches-path': 'string or boolean', 'tags-path': 'string or boolean', 'package-path': 'string', 'depot': 'string', 'branch': 'string', 'unique_perforce_client_name': 'string', 'p4user': 'string', 'p4password': 'string'}
_C83 = {'name': str, 'url': str, 'canonical': bool}
_C84 = {'type': _v149, 'only': _v150, 'exclude': _v151, 'options': _v152}
_C85 = {'name': 'string', 'url': 'string', 'canonical': 'boolean'}
_C86 = {'name': str, 'url': str, 'canonical': bool}
_C87 = {'type': _v153, 'only': _v154, 'exclude': _v155}
_C88 = {'name': 'string', 'url': 'string', 'canonical': 'boolean'}
_C89 = {'name': str, 'url': str, 'canonical': bool, 'vendor-alias': str}
_C90 = {'type': _v156, 'only': _v157, 'exclude': _v158}
_C91 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'vendor-alias': 'string'}
_C92 = {'name': str, 'canonical': bool}
_C93 = {'type': _v159, 'only': _v160, 'exclude': _v161, 'package': _v162}
_C94 = {'name': 'string', 'canonical': 'boolean'}
_C95 = frozenset(('composer-default', 'pre-packaged-binary', 'pre-packaged-source', ))
_C96 = {'block': bool}
_C97 = {'audit': _v166, 'sources': _v167, 'ignore': _v168}
_C98 = {'block': 'boolean'}
_C99 = {'block': bool}
_C100 = {'audit': _v169, 'ignore-id': _v170, 'ignore': _v168, 'ignore-severity': _v171}
_C101 = {'block': 'boolean'}
_C102 = {'block': bool}
_C103 = {'block-scope': _v172, 'audit': _v173, 'ignore': _v168, 'ignore-source': _v174}
_C104 = {'block': 'boolean'}
_C105 = {'block': bool}
_C106 = {'audit': _v175, 'ignore': _v168}
_C107 = {'block': 'boolean'}
_C108 = frozenset(('composer', ))
_C109 = frozenset(('bitbucket', 'forgejo', 'fossil', 'git', 'git-bitbucket', 'github', 'gitlab', 'hg', 'perforce', 'svn', 'vcs', ))
_C110 = frozenset(('path', ))
_C111 = {'symlink': (bool, NoneType), 'relative': bool}
_C112 = {'reference': _v177, 'versions': _v178}
_C113 = {'symlink': 'boolean or null', 'relative': 'boolean'}
_C114 = frozenset(('artifact', ))
_C115 = frozenset(('pear', ))
_C116 = frozenset(('package', ))
_C117 = (_v179, _v180, )
_C118 = (_v181, _v182, _v183, )
_C119 = (_v184, _v185, _v186, )
_C120 = (_v187, _v188, _v189, )
_C121 = frozenset(('fail', 'ignore', 'report', ))
_C122 = (_v191, _v192, )
_C123 = frozenset(('fail', 'ignore', 'report', ))
_C124 = (_v193, _v194, )
_C125 = (_v195, _v196, )
_C126 = frozenset(('all', 'install', 'update', ))
_C127 = frozenset(('fail', 'ignore', 'report', ))
_C128 = frozenset(('fail', 'ignore', 'report', ))
_C129 = frozenset(('audit', 'install', 'update', ))
_C130 = frozenset(('auto', 'config', 'none', ))
_C131 = {'name': str, 'type': str, 'target-dir': str, 'description': str, 'homepage': str, 'version': str, 'time': str, 'license': (str, list), 'extra': (dict, list)}
_C132 = {'keywords': _v197, 'authors': _v17, 'require': _v198, 'replace': _v199, 'conflict': _v200, 'provide': _v201, 'require-dev': _v202, 'suggest': _v203, 'autoload': _v30, 'archive': _v204, 'bin': _v205, 'include-path': _v206, 'source': _v20, 'dist': _v21}
_C133 = {'name': 'string', 'type': 'string', 'target-dir': 'string', 'description': 'string', 'homepage': 'string', 'version': 'string', 'time': 'string', 'license': 'string or array', 'extra': 'object or array'}
_C134 = {'reason': str}
_C135 = {'apply': _v207}
_C136 = {'reason': 'string'}
_C137 = {'apply': _v208}
_C138 = {'reason': str}
_C139 = {'apply': _v209}
_C140 = {'reason': 'string'}
_C141 = {'type': _v210, 'url': _v211}
_C142 = (_v214, _v215, )
_C143 = {'exclude': list}
_C144 = {'exclude': 'array'}
_C145 = frozenset(('all', 'audit', 'block', ))
_C146 = frozenset(('all', 'audit', 'block', ))
_C147 = frozenset(('all', 'audit', 'block', ))
_C148 = frozenset(('url', ))
_C149 = (_v216, _v217, _v218, _v219, )
_C150 = (_v220, _v221, _v222, )
_C151 = {'constraint': str, 'reason': str, 'on-block': bool, 'on-audit': bool}
_C152 = {'constraint': 'string', 'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}
_C153 = {'reason': str, 'on-block': bool, 'on-audit': bool}
_C154 = {'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}
_C155 = frozenset(('critical', 'high', 'low', 'medium', ))
_C156 = (_v226, _v227, _v228, )
_C157 = {'constraint': str, 'reason': str, 'on-block': bool, 'on-audit': bool}
_C158 = {'constraint': 'string', 'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}
_C159 = {'reason': str, 'on-block': bool, 'on-audit': bool}
_C160 = {'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}

validate = _v0
