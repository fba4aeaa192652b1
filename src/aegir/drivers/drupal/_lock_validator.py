"""composer.lock validator generated ahead of time from Composer's schemas; do not edit by hand.

Regenerate with ``python -m aegir.drivers.drupal._lock_schema`` (from ``schemas/composer-lock-schema.json``
and ``schemas/composer-schema.json``; the generator and its rules are in ``_lock_schema.py``).
Call ``validate(doc)``: it returns None, or raises ``LockViolation`` for the first value that breaks
the schema. Each function checks the schema location named in its first comment (and any equal one).
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
import re
from _thread import allocate_lock

from aegir.drivers.drupal._lock_violation import (
    LockViolation, forbidden, key_of, missing, no_match, not_one_of, out_of_range, position, too_few,
    too_many, unexpected, wrong_type,
)

NoneType = type(None)

def _re0(s):
    # '^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$', rewritten to run in linear time (LINEAR_REWRITES in _lock_schema.py), compiled on first use
    global _re0
    _re0 = re.compile('^[a-z0-9](?:[_.-]?[a-z0-9]++)*+/[a-z0-9](?:(?:[_.]|-{1,2})?[a-z0-9]++)*+$').search
    return _re0(s)

def _re1(s):
    # '^[a-z0-9-]+$', compiled on first use
    global _re1
    _re1 = re.compile('^[a-z0-9-]+$').search
    return _re1(s)

def _re2(s):
    # '^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$', rewritten to run in linear time (LINEAR_REWRITES in _lock_schema.py), compiled on first use
    global _re2
    _re2 = re.compile('^[vV]?\\d+(?:[.-]\\d+){0,3}+[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:[.-]?\\d++)*+)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$').search
    return _re2(s)

def _re3(s):
    # '^ignore(?!-unreachable$)', compiled on first use
    global _re3
    _re3 = re.compile('^ignore(?!-unreachable$)').search
    return _re3(s)

def _re4(s):
    # '^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$', compiled on first use
    global _re4
    _re4 = re.compile('^(?:package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$').search
    return _re4(s)

def _re5(s):
    # '^[a-zA-Z0-9][a-zA-Z0-9-_]*$', compiled on first use
    global _re5
    _re5 = re.compile('^[a-zA-Z0-9][a-zA-Z0-9-_]*$').search
    return _re5(s)

def _re6(s):
    # '^https://', compiled on first use
    global _re6
    _re6 = re.compile('^https://').search
    return _re6(s)

def _v0(v):
    # composer-lock-schema.json#
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('content-hash' in v and 'packages' in v and 'packages-dev' in v): raise missing(v, ('content-hash', 'packages', 'packages-dev'))
    try:
        for k, x in v.items():
            f = _C2.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C1.get(k, object)): raise wrong_type(x, _C0[k])
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
            _v6(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v3(v):
    # composer-lock-schema.json#/properties/aliases
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v7(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v4(v):
    # composer-lock-schema.json#/properties/stability-flags
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v8(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v5(v):
    # composer-lock-schema.json#/properties/platform
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v6(v):
    # composer-schema.json#
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C5.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C4.get(k, object)): raise wrong_type(x, _C3[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v7(v):
    # composer-lock-schema.json#/properties/aliases/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('package' in v and 'version' in v and 'alias' in v and 'alias_normalized' in v): raise missing(v, ('package', 'version', 'alias', 'alias_normalized'))
    try:
        for k, x in v.items():
            if not isinstance(x, _C7.get(k, object)): raise wrong_type(x, _C6[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v8(v):
    # composer-lock-schema.json#/properties/stability-flags/additionalProperties
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v9(v):
    # composer-schema.json#/properties/name
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    _q0(v)  # pattern '^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$', checked later

def _v10(v):
    # composer-schema.json#/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    _q1(v)  # pattern '^[a-z0-9-]+$', checked later

def _v11(v):
    # composer-schema.json#/properties/version
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    _q2(v)  # pattern '^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$', checked later

def _v12(v):
    # composer-schema.json#/properties/non-feature-branches
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v13(v):
    # composer-schema.json#/properties/keywords
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v14(v):
    # composer-schema.json#/definitions/authors
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v31(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v15(v):
    # composer-schema.json#/properties/support
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C9.get(k, object)): raise wrong_type(x, _C8[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v16(v):
    # composer-schema.json#/properties/funding
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v32(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v17(v):
    # composer-schema.json#/definitions/source
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v and 'reference' in v): raise missing(v, ('type', 'url', 'reference'))
    try:
        for k, x in v.items():
            if not isinstance(x, _C11.get(k, object)): raise wrong_type(x, _C10[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v18(v):
    # composer-schema.json#/definitions/dist
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            if not isinstance(x, _C13.get(k, object)): raise wrong_type(x, _C12[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v19(v):
    # composer-schema.json#/properties/require
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v20(v):
    # composer-schema.json#/properties/repositories
    if not (isinstance(v, (dict, list))): raise wrong_type(v, 'object or array')
    if isinstance(v, dict):
        try:
            for x in v.values():
                _v33(x)
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise
    if isinstance(v, list):
        try:
            for x in v:
                _v34(x)
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v21(v):
    # composer-schema.json#/properties/minimum-stability
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C14)): raise not_one_of(v, ('dev', 'alpha', 'beta', 'rc', 'RC', 'stable'))

def _v22(v):
    # composer-schema.json#/definitions/autoload
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C16.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C15[k])
            else:
                f = _C17.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v23(v):
    # composer-schema.json#/properties/autoload-dev
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C19.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C18[k])
            else:
                f = _C17.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v24(v):
    # composer-schema.json#/properties/bin
    if not (isinstance(v, (str, list))): raise wrong_type(v, 'string or array')
    if isinstance(v, list):
        try:
            for x in v:
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(position(v, x))
            raise

def _v25(v):
    # composer-schema.json#/properties/archive
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C21.get(k, object)): raise wrong_type(x, _C20[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v26(v):
    # composer-schema.json#/properties/php-ext
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C24.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C23.get(k, object)): raise wrong_type(x, _C22[k])
    except LockViolation as e:
        e.parts.append(k)
        raise
    _v40(v)

def _v27(v):
    # composer-schema.json#/properties/config
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C26.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C25[k])
            else:
                f = _C27.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v28(v):
    # composer-schema.json#/properties/scripts
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C29.get(k, object)): raise wrong_type(x, _C28[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v29(v):
    # composer-schema.json#/properties/scripts-descriptions
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, str): raise wrong_type(x, 'string')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v30(v):
    # composer-schema.json#/properties/scripts-aliases
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, list): raise wrong_type(x, 'array')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v31(v):
    # composer-schema.json#/definitions/authors/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v): raise missing(v, ('name',))
    try:
        for k, x in v.items():
            if not isinstance(x, _C31[k]): raise wrong_type(x, _C30[k])
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v32(v):
    # composer-schema.json#/properties/funding/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C33.get(k, object)): raise wrong_type(x, _C32[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v33(v):
    # composer-schema.json#/properties/repositories/additionalProperties
    for f in _C34:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v34(v):
    # composer-schema.json#/properties/repositories/items
    for f in _C35:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v35(v):
    # composer-schema.json#/definitions/autoload/properties/psr-0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v24(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v36(v):
    # composer-schema.json#/properties/php-ext/properties/priority
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')
    if v < 10 or v > 99: raise out_of_range(v, 10, 99)

def _v37(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method
    n = 0
    for f in _C36:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v38(v):
    # composer-schema.json#/properties/php-ext/properties/os-families
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    if len(v) < 1: raise too_few(v, 1)
    try:
        for x in v:
            _v65(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v39(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v66(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v40(v):
    # composer-schema.json#/properties/php-ext/allOf/0
    try:
        _v67(v)
    except LockViolation:
        pass
    else:
        raise forbidden('must not match {"required": ["os-families", "os-families-exclude"]}')

def _v41(v):
    # composer-schema.json#/properties/config/properties/platform
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            if not isinstance(x, (str, bool)): raise wrong_type(x, 'string or boolean')
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v42(v):
    # composer-schema.json#/properties/config/properties/allow-plugins
    if not (isinstance(v, (dict, bool))): raise wrong_type(v, 'object or boolean')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, bool): raise wrong_type(x, 'boolean')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v43(v):
    # composer-schema.json#/properties/config/properties/process-timeout
    if not ((isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'integer')

def _v44(v):
    # composer-schema.json#/properties/config/properties/preferred-install
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, str): raise wrong_type(x, 'string')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v45(v):
    # composer-schema.json#/properties/config/properties/audit
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C39.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C38.get(k, object)): raise wrong_type(x, _C37[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v46(v):
    # composer-schema.json#/properties/config/properties/policy
    if not (isinstance(v, (bool, dict))): raise wrong_type(v, 'boolean or object')
    if isinstance(v, dict):
        try:
            for k, x in v.items():
                known = k in _C40
                f = _C41.get(k)
                if f is not None:
                    f(x)
                if _re3(k):
                    known = True
                    _v76(x)
                if _re4(k):
                    known = True
                    _v76(x)
                if not known:
                    _v71(x)
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v47(v):
    # composer-schema.json#/properties/config/properties/gitlab-oauth
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v77(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v48(v):
    # composer-schema.json#/properties/config/properties/gitlab-token
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v78(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v49(v):
    # composer-schema.json#/properties/config/properties/gitlab-protocol
    if not ((isinstance(v, str) and v in _C42)): raise not_one_of(v, ('git', 'http', 'https'))

def _v50(v):
    # composer-schema.json#/properties/config/properties/custom-headers
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v13(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v51(v):
    # composer-schema.json#/properties/config/properties/forgejo-token
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v79(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v52(v):
    # composer-schema.json#/properties/config/properties/http-basic
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v80(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v53(v):
    # composer-schema.json#/properties/config/properties/client-certificate
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v81(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v54(v):
    # composer-schema.json#/properties/config/properties/cache-files-maxsize
    if not (isinstance(v, str) or (isinstance(v, int) and v is not True and v is not False)): raise wrong_type(v, 'string or integer')

def _v55(v):
    # composer-schema.json#/properties/config/properties/bin-compat
    if not ((isinstance(v, str) and v in _C43)): raise not_one_of(v, ('auto', 'full', 'proxy', 'symlink'))

def _v56(v):
    # composer-schema.json#/properties/config/properties/bitbucket-oauth
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v82(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v57(v):
    # composer-schema.json#/properties/config/properties/platform-check
    if not (isinstance(v, (bool, str))): raise wrong_type(v, 'boolean or string')
    if not ((isinstance(v, str) and v in _C44) or v is True or v is False): raise not_one_of(v, ('php-only', True, False))

def _v58(v):
    # composer-schema.json#/properties/config/properties/bump-after-update
    if not (isinstance(v, (str, bool))): raise wrong_type(v, 'string or boolean')
    if not ((isinstance(v, str) and v in _C45) or v is True or v is False): raise not_one_of(v, ('dev', 'no-dev', True, False))

def _v59(v):
    # composer-schema.json#/definitions/anonymous-repository
    _v61(v)
    _v83(v)

def _v60(v):
    # composer-schema.json#/properties/repositories/additionalProperties/anyOf/1
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')
    if not (v is False): raise not_one_of(v, (False,))

def _v61(v):
    # composer-schema.json#/definitions/repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    for f in _C46:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 6 forms allowed here (anyOf), not none')

def _v62(v):
    # composer-schema.json#/properties/repositories/items/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if len(v) < 1: raise too_few(v, 1)
    if len(v) > 1: raise too_many(v, 1)
    try:
        for x in v.values():
            _v60(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v63(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method/oneOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C47)): raise not_one_of(v, ('composer-default', 'pre-packaged-source', 'pre-packaged-binary'))

def _v64(v):
    # composer-schema.json#/properties/php-ext/properties/download-url-method/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    if len(v) < 1: raise too_few(v, 1)
    try:
        for x in v:
            _v63(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v65(v):
    # composer-schema.json#/properties/php-ext/properties/os-families/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C48)): raise not_one_of(v, ('windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'))

def _v66(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v): raise missing(v, ('name',))
    try:
        for k, x in v.items():
            t = _C50.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C49[k])
            else:
                f = _C51.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v67(v):
    # composer-schema.json#/properties/php-ext/allOf/0/not
    if isinstance(v, dict):
        if not ('os-families' in v and 'os-families-exclude' in v): raise missing(v, ('os-families', 'os-families-exclude'))

def _v68(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore
    for f in _C52:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v69(v):
    # composer-schema.json#/properties/config/properties/audit/properties/abandoned
    if not ((isinstance(v, str) and v in _C53)): raise not_one_of(v, ('ignore', 'report', 'fail'))

def _v70(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity
    for f in _C54:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v71(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties
    n = 0
    for f in _C55:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v72(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories
    n = 0
    for f in _C56:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v73(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware
    n = 0
    for f in _C57:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v74(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned
    n = 0
    for f in _C58:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v75(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable
    n = 0
    for f in _C59:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v76(v):
    # composer-schema.json#/properties/config/properties/policy/patternProperties/^ignore(?!-unreachable$)
    raise forbidden('is not allowed here')

def _v77(v):
    # composer-schema.json#/properties/config/properties/gitlab-oauth/additionalProperties
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        if not ('token' in v): raise missing(v, ('token',))
        try:
            for k, x in v.items():
                t = _C61.get(k)
                if t is not None:
                    if not isinstance(x, t): raise wrong_type(x, _C60[k])
                else:
                    f = _C62.get(k)
                    if f is not None:
                        f(x)
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v78(v):
    # composer-schema.json#/properties/config/properties/gitlab-token/additionalProperties
    if not (isinstance(v, (str, dict))): raise wrong_type(v, 'string or object')
    if isinstance(v, dict):
        if not ('username' in v and 'token' in v): raise missing(v, ('username', 'token'))
        try:
            for k, x in v.items():
                if not isinstance(x, _C64.get(k, object)): raise wrong_type(x, _C63[k])
        except LockViolation as e:
            e.parts.append(k)
            raise

def _v79(v):
    # composer-schema.json#/properties/config/properties/forgejo-token/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('username' in v and 'token' in v): raise missing(v, ('username', 'token'))
    try:
        for k, x in v.items():
            if not isinstance(x, _C64.get(k, object)): raise wrong_type(x, _C63[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v80(v):
    # composer-schema.json#/properties/config/properties/http-basic/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('username' in v and 'password' in v): raise missing(v, ('username', 'password'))
    try:
        for k, x in v.items():
            if not isinstance(x, _C66.get(k, object)): raise wrong_type(x, _C65[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v81(v):
    # composer-schema.json#/properties/config/properties/client-certificate/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('local_cert' in v): raise missing(v, ('local_cert',))
    try:
        for k, x in v.items():
            if not isinstance(x, _C68.get(k, object)): raise wrong_type(x, _C67[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v82(v):
    # composer-schema.json#/properties/config/properties/bitbucket-oauth/additionalProperties
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('consumer-key' in v and 'consumer-secret' in v): raise missing(v, ('consumer-key', 'consumer-secret'))
    try:
        for k, x in v.items():
            t = _C70.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C69[k])
            else:
                f = _C71.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v83(v):
    # composer-schema.json#/definitions/anonymous-repository/allOf/1
    try:
        _v99(v)
    except LockViolation:
        pass
    else:
        raise forbidden('must not match {"required": ["name"]}')

def _v84(v):
    # composer-schema.json#/definitions/composer-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C73.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C72[k])
            else:
                f = _C74.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v85(v):
    # composer-schema.json#/definitions/vcs-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C76.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C75[k])
            else:
                f = _C77.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v86(v):
    # composer-schema.json#/definitions/path-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            f = _C80.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C79.get(k, object)): raise wrong_type(x, _C78[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v87(v):
    # composer-schema.json#/definitions/artifact-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C79.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C78[k])
            else:
                f = _C81.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v88(v):
    # composer-schema.json#/definitions/pear-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            t = _C83.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C82[k])
            else:
                f = _C84.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v89(v):
    # composer-schema.json#/definitions/package-repository
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'package' in v): raise missing(v, ('type', 'package'))
    try:
        for k, x in v.items():
            f = _C87.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C86.get(k, object)): raise wrong_type(x, _C85[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v90(v):
    # composer-schema.json#/properties/php-ext/properties/configure-options/items/properties/name
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    _q3(v)  # pattern '^[a-zA-Z0-9][a-zA-Z0-9-_]*$', checked later

def _v91(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v109(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v92(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v110(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v93(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/0
    if not (isinstance(v, bool)): raise wrong_type(v, 'boolean')

def _v94(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C90.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C89.get(k, object)): raise wrong_type(x, _C88[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v95(v):
    # composer-schema.json#/properties/config/properties/policy/properties/advisories/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C91.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C89[k]): raise wrong_type(x, _C88[k])
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v96(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C92.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C89[k]): raise wrong_type(x, _C88[k])
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v97(v):
    # composer-schema.json#/properties/config/properties/policy/properties/abandoned/oneOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C93.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C89[k]): raise wrong_type(x, _C88[k])
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v98(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v116(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v99(v):
    # composer-schema.json#/definitions/anonymous-repository/allOf/1/not
    if isinstance(v, dict):
        if not ('name' in v): raise missing(v, ('name',))

def _v100(v):
    # composer-schema.json#/definitions/composer-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C94)): raise not_one_of(v, ('composer',))

def _v101(v):
    # composer-schema.json#/definitions/composer-repository/properties/filter
    if not (isinstance(v, (bool, dict))): raise wrong_type(v, 'boolean or object')
    if isinstance(v, dict):
        try:
            for x in v.values():
                if not isinstance(x, bool): raise wrong_type(x, 'boolean')
        except LockViolation as e:
            e.parts.append(key_of(v, x))
            raise

def _v102(v):
    # composer-schema.json#/definitions/vcs-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C95)): raise not_one_of(v, ('vcs', 'github', 'git', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'fossil', 'perforce', 'svn', 'forgejo'))

def _v103(v):
    # composer-schema.json#/definitions/path-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C96)): raise not_one_of(v, ('path',))

def _v104(v):
    # composer-schema.json#/definitions/path-repository/properties/options
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C98.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C97[k])
            else:
                f = _C99.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v105(v):
    # composer-schema.json#/definitions/artifact-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C100)): raise not_one_of(v, ('artifact',))

def _v106(v):
    # composer-schema.json#/definitions/pear-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C101)): raise not_one_of(v, ('pear',))

def _v107(v):
    # composer-schema.json#/definitions/package-repository/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C102)): raise not_one_of(v, ('package',))

def _v108(v):
    # composer-schema.json#/definitions/package-repository/properties/package
    n = 0
    for f in _C103:
        try:
            f(v)
        except LockViolation:
            continue
        n += 1
    if n != 1:
        raise forbidden(f'must match exactly one of the 2 forms allowed here (oneOf), not {n}')

def _v109(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties
    for f in _C104:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v110(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties
    for f in _C105:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v111(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v124(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v112(v):
    # composer-schema.json#/definitions/policy-ignore
    for f in _C106:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v113(v):
    # composer-schema.json#/definitions/policy-ignore-id
    for f in _C107:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v114(v):
    # composer-schema.json#/definitions/policy-ignore-severity
    for f in _C108:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v115(v):
    # composer-schema.json#/properties/config/properties/policy/properties/malware/oneOf/1/properties/block-scope
    if not ((isinstance(v, str) and v in _C109)): raise not_one_of(v, ('all', 'update', 'install'))

def _v116(v):
    # composer-schema.json#/properties/config/properties/policy/properties/ignore-unreachable/oneOf/1/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C110)): raise not_one_of(v, ('audit', 'install', 'update'))

def _v117(v):
    # composer-schema.json#/definitions/path-repository/properties/options/properties/reference
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C111)): raise not_one_of(v, ('none', 'config', 'auto'))

def _v118(v):
    # composer-schema.json#/definitions/inline-package
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('name' in v and 'version' in v): raise missing(v, ('name', 'version'))
    try:
        for k, x in v.items():
            f = _C114.get(k)
            if f is not None:
                f(x)
            else:
                if not isinstance(x, _C113.get(k, object)): raise wrong_type(x, _C112[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v119(v):
    # composer-schema.json#/definitions/package-repository/properties/package/oneOf/1
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v118(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v120(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/0
    if not (isinstance(v, str)): raise wrong_type(v, 'string')

def _v121(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            t = _C116.get(k)
            if t is not None:
                if not isinstance(x, t): raise wrong_type(x, _C115[k])
            else:
                f = _C117.get(k)
                if f is not None:
                    f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v122(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/2
    if not (isinstance(v, NoneType)): raise wrong_type(v, 'null')

def _v123(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore-severity/anyOf/0/additionalProperties/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            f = _C117.get(k)
            if f is not None:
                f(x)
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v124(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    if not ('type' in v and 'url' in v): raise missing(v, ('type', 'url'))
    try:
        for k, x in v.items():
            _C118[k](x)
    except KeyError:
        raise unexpected(k) from None
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v125(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v132(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v126(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for x in v.values():
            _v133(x)
    except LockViolation as e:
        e.parts.append(key_of(v, x))
        raise

def _v127(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0
    for f in _C119:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 2 forms allowed here (anyOf), not none')

def _v128(v):
    # composer-schema.json#/definitions/inline-package/properties/archive
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C121.get(k, object)): raise wrong_type(x, _C120[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v129(v):
    # composer-schema.json#/properties/config/properties/audit/properties/ignore/anyOf/0/additionalProperties/anyOf/1/properties/apply
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C122)): raise not_one_of(v, ('audit', 'block', 'all'))

def _v130(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items/properties/type
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C123)): raise not_one_of(v, ('url',))

def _v131(v):
    # composer-schema.json#/properties/config/properties/policy/additionalProperties/oneOf/1/properties/sources/items/properties/url
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    _q4(v)  # pattern '^https://', checked later

def _v132(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties
    for f in _C124:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 4 forms allowed here (anyOf), not none')

def _v133(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties
    for f in _C125:
        try:
            f(v)
            break
        except LockViolation:
            pass
    else:
        raise forbidden('must match one of the 3 forms allowed here (anyOf), not none')

def _v134(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/0
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v138(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v135(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/2
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C127.get(k, object)): raise wrong_type(x, _C126[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v136(v):
    # composer-schema.json#/definitions/policy-ignore/anyOf/1/additionalProperties/anyOf/3
    if not (isinstance(v, list)): raise wrong_type(v, 'array')
    try:
        for x in v:
            _v135(x)
    except LockViolation as e:
        e.parts.append(position(v, x))
        raise

def _v137(v):
    # composer-schema.json#/definitions/policy-ignore-id/anyOf/1/additionalProperties/anyOf/2
    if not (isinstance(v, dict)): raise wrong_type(v, 'object')
    try:
        for k, x in v.items():
            if not isinstance(x, _C129.get(k, object)): raise wrong_type(x, _C128[k])
    except LockViolation as e:
        e.parts.append(k)
        raise

def _v138(v):
    # composer-schema.json#/definitions/policy-ignore-severity/anyOf/0/anyOf/0/items
    if not (isinstance(v, str)): raise wrong_type(v, 'string')
    if not ((isinstance(v, str) and v in _C130)): raise not_one_of(v, ('low', 'medium', 'high', 'critical'))

_C0 = {'content-hash': 'string', 'minimum-stability': 'string', 'prefer-stable': 'boolean', 'prefer-lowest': 'boolean', 'plugin-api-version': 'string'}
_C1 = {'content-hash': str, 'minimum-stability': str, 'prefer-stable': bool, 'prefer-lowest': bool, 'plugin-api-version': str}
_C2 = {'_readme': _v1, 'packages': _v2, 'packages-dev': _v2, 'aliases': _v3, 'stability-flags': _v4, 'platform': _v5, 'platform-dev': _v5, 'platform-overrides': _v5}
_C3 = {'description': 'string', 'license': 'string or array', 'abandoned': 'boolean or string', 'default-branch': 'boolean', 'readme': 'string', 'time': 'string', 'homepage': 'string', '_comment': 'array or string', 'prefer-stable': 'boolean', 'target-dir': 'string', 'extra': 'object or array'}
_C4 = {'description': str, 'license': (str, list), 'abandoned': (bool, str), 'default-branch': bool, 'readme': str, 'time': str, 'homepage': str, '_comment': (list, str), 'prefer-stable': bool, 'target-dir': str, 'extra': (dict, list)}
_C5 = {'name': _v9, 'type': _v10, 'version': _v11, 'non-feature-branches': _v12, 'keywords': _v13, 'authors': _v14, 'support': _v15, 'funding': _v16, 'source': _v17, 'dist': _v18, 'require': _v19, 'require-dev': _v19, 'replace': _v19, 'conflict': _v19, 'provide': _v19, 'suggest': _v19, 'repositories': _v20, 'minimum-stability': _v21, 'autoload': _v22, 'autoload-dev': _v23, 'include-path': _v12, 'bin': _v24, 'archive': _v25, 'php-ext': _v26, 'config': _v27, 'scripts': _v28, 'scripts-descriptions': _v29, 'scripts-aliases': _v30}
_C6 = {'package': 'string', 'version': 'string', 'alias': 'string', 'alias_normalized': 'string'}
_C7 = {'package': str, 'version': str, 'alias': str, 'alias_normalized': str}
_C8 = {'email': 'string', 'issues': 'string', 'forum': 'string', 'wiki': 'string', 'irc': 'string', 'chat': 'string', 'source': 'string', 'docs': 'string', 'rss': 'string', 'security': 'string'}
_C9 = {'email': str, 'issues': str, 'forum': str, 'wiki': str, 'irc': str, 'chat': str, 'source': str, 'docs': str, 'rss': str, 'security': str}
_C10 = {'type': 'string', 'url': 'string', 'reference': 'string', 'mirrors': 'array'}
_C11 = {'type': str, 'url': str, 'reference': str, 'mirrors': list}
_C12 = {'type': 'string', 'url': 'string', 'reference': 'string', 'shasum': 'string', 'mirrors': 'array'}
_C13 = {'type': str, 'url': str, 'reference': str, 'shasum': str, 'mirrors': list}
_C14 = frozenset(('RC', 'alpha', 'beta', 'dev', 'rc', 'stable', ))
_C15 = {'classmap': 'array', 'files': 'array', 'exclude-from-classmap': 'array'}
_C16 = {'classmap': list, 'files': list, 'exclude-from-classmap': list}
_C17 = {'psr-0': _v35, 'psr-4': _v35}
_C18 = {'classmap': 'array', 'files': 'array'}
_C19 = {'classmap': list, 'files': list}
_C20 = {'name': 'string', 'exclude': 'array'}
_C21 = {'name': str, 'exclude': list}
_C22 = {'extension-name': 'string', 'support-zts': 'boolean', 'support-nts': 'boolean', 'build-path': 'string or null'}
_C23 = {'extension-name': str, 'support-zts': bool, 'support-nts': bool, 'build-path': (str, NoneType)}
_C24 = {'priority': _v36, 'download-url-method': _v37, 'os-families': _v38, 'os-families-exclude': _v38, 'configure-options': _v39}
_C25 = {'use-include-path': 'boolean', 'use-parent-dir': 'string or boolean', 'notify-on-install': 'boolean', 'source-fallback': 'boolean', 'disable-tls': 'boolean', 'secure-http': 'boolean', 'cafile': 'string', 'capath': 'string', 'store-auths': 'string or boolean', 'vendor-dir': 'string', 'bin-dir': 'string', 'data-dir': 'string', 'cache-dir': 'string', 'cache-files-dir': 'string', 'cache-repo-dir': 'string', 'cache-vcs-dir': 'string', 'cache-read-only': 'boolean', 'discard-changes': 'string or boolean', 'autoloader-suffix': 'string', 'optimize-autoloader': 'boolean', 'prepend-autoloader': 'boolean', 'classmap-authoritative': 'boolean', 'apcu-autoloader': 'boolean', 'github-expose-hostname': 'boolean', 'use-github-api': 'boolean', 'archive-format': 'string', 'archive-dir': 'string', 'htaccess-protect': 'boolean', 'sort-packages': 'boolean', 'lock': 'boolean', 'allow-missing-requirements': 'boolean', 'update-with-minimal-changes': 'boolean'}
_C26 = {'use-include-path': bool, 'use-parent-dir': (str, bool), 'notify-on-install': bool, 'source-fallback': bool, 'disable-tls': bool, 'secure-http': bool, 'cafile': str, 'capath': str, 'store-auths': (str, bool), 'vendor-dir': str, 'bin-dir': str, 'data-dir': str, 'cache-dir': str, 'cache-files-dir': str, 'cache-repo-dir': str, 'cache-vcs-dir': str, 'cache-read-only': bool, 'discard-changes': (str, bool), 'autoloader-suffix': str, 'optimize-autoloader': bool, 'prepend-autoloader': bool, 'classmap-authoritative': bool, 'apcu-autoloader': bool, 'github-expose-hostname': bool, 'use-github-api': bool, 'archive-format': str, 'archive-dir': str, 'htaccess-protect': bool, 'sort-packages': bool, 'lock': bool, 'allow-missing-requirements': bool, 'update-with-minimal-changes': bool}
_C27 = {'platform': _v41, 'allow-plugins': _v42, 'process-timeout': _v43, 'preferred-install': _v44, 'audit': _v45, 'policy': _v46, 'github-protocols': _v13, 'github-oauth': _v19, 'gitlab-oauth': _v47, 'gitlab-token': _v48, 'gitlab-protocol': _v49, 'bearer': _v19, 'custom-headers': _v50, 'forgejo-token': _v51, 'secure-svn-domains': _v13, 'http-basic': _v52, 'client-certificate': _v53, 'cache-ttl': _v43, 'cache-files-ttl': _v43, 'cache-files-maxsize': _v54, 'bin-compat': _v55, 'github-domains': _v13, 'gitlab-domains': _v13, 'forgejo-domains': _v13, 'bitbucket-oauth': _v56, 'platform-check': _v57, 'bump-after-update': _v58}
_C28 = {'pre-install-cmd': 'array or string', 'post-install-cmd': 'array or string', 'pre-update-cmd': 'array or string', 'post-update-cmd': 'array or string', 'pre-status-cmd': 'array or string', 'post-status-cmd': 'array or string', 'pre-package-install': 'array or string', 'post-package-install': 'array or string', 'pre-package-update': 'array or string', 'post-package-update': 'array or string', 'pre-package-uninstall': 'array or string', 'post-package-uninstall': 'array or string', 'pre-autoload-dump': 'array or string', 'post-autoload-dump': 'array or string', 'post-root-package-install': 'array or string', 'post-create-project-cmd': 'array or string'}
_C29 = {'pre-install-cmd': (list, str), 'post-install-cmd': (list, str), 'pre-update-cmd': (list, str), 'post-update-cmd': (list, str), 'pre-status-cmd': (list, str), 'post-status-cmd': (list, str), 'pre-package-install': (list, str), 'post-package-install': (list, str), 'pre-package-update': (list, str), 'post-package-update': (list, str), 'pre-package-uninstall': (list, str), 'post-package-uninstall': (list, str), 'pre-autoload-dump': (list, str), 'post-autoload-dump': (list, str), 'post-root-package-install': (list, str), 'post-create-project-cmd': (list, str)}
_C30 = {'name': 'string', 'email': 'string', 'homepage': 'string', 'role': 'string'}
_C31 = {'name': str, 'email': str, 'homepage': str, 'role': str}
_C32 = {'type': 'string', 'url': 'string'}
_C33 = {'type': str, 'url': str}
_C34 = (_v59, _v60, )
_C35 = (_v61, _v62, )
_C36 = (_v63, _v64, )
_C37 = {'ignore-unreachable': 'boolean', 'block-insecure': 'boolean', 'block-abandoned': 'boolean'}
_C38 = {'ignore-unreachable': bool, 'block-insecure': bool, 'block-abandoned': bool}
_C39 = {'ignore': _v68, 'abandoned': _v69, 'ignore-severity': _v70, 'ignore-abandoned': _v68}
_C40 = frozenset(('abandoned', 'advisories', 'ignore-unreachable', 'malware', ))
_C41 = {'advisories': _v72, 'malware': _v73, 'abandoned': _v74, 'ignore-unreachable': _v75}
_C42 = frozenset(('git', 'http', 'https', ))
_C43 = frozenset(('auto', 'full', 'proxy', 'symlink', ))
_C44 = frozenset(('php-only', ))
_C45 = frozenset(('dev', 'no-dev', ))
_C46 = (_v84, _v85, _v86, _v87, _v88, _v89, )
_C47 = frozenset(('composer-default', 'pre-packaged-binary', 'pre-packaged-source', ))
_C48 = frozenset(('bsd', 'darwin', 'linux', 'solaris', 'unknown', 'windows', ))
_C49 = {'needs-value': 'boolean', 'description': 'string'}
_C50 = {'needs-value': bool, 'description': str}
_C51 = {'name': _v90}
_C52 = (_v91, _v13, )
_C53 = frozenset(('fail', 'ignore', 'report', ))
_C54 = (_v92, _v13, )
_C55 = (_v93, _v94, )
_C56 = (_v93, _v95, )
_C57 = (_v93, _v96, )
_C58 = (_v93, _v97, )
_C59 = (_v93, _v98, )
_C60 = {'refresh-token': 'string', 'token': 'string'}
_C61 = {'refresh-token': str, 'token': str}
_C62 = {'expires-at': _v43}
_C63 = {'username': 'string', 'token': 'string'}
_C64 = {'username': str, 'token': str}
_C65 = {'username': 'string', 'password': 'string'}
_C66 = {'username': str, 'password': str}
_C67 = {'local_cert': 'string', 'local_pk': 'string', 'passphrase': 'string'}
_C68 = {'local_cert': str, 'local_pk': str, 'passphrase': str}
_C69 = {'consumer-key': 'string', 'consumer-secret': 'string', 'access-token': 'string'}
_C70 = {'consumer-key': str, 'consumer-secret': str, 'access-token': str}
_C71 = {'access-token-expiration': _v43}
_C72 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'options': 'object', 'allow_ssl_downgrade': 'boolean', 'force-lazy-providers': 'boolean'}
_C73 = {'name': str, 'url': str, 'canonical': bool, 'options': dict, 'allow_ssl_downgrade': bool, 'force-lazy-providers': bool}
_C74 = {'type': _v100, 'only': _v13, 'exclude': _v13, 'filter': _v101}
_C75 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'no-api': 'boolean', 'secure-http': 'boolean', 'svn-cache-credentials': 'boolean', 'trunk-path': 'string or boolean', 'branches-path': 'string or boolean', 'tags-path': 'string or boolean', 'package-path': 'string', 'depot': 'string', 'branch': 'string', 'unique_perforce_client_name': 'string', 'p4user': 'string', 'p4password': 'string'}
_C76 = {'name': str, 'url': str, 'canonical': bool, 'no-api': bool, 'secure-http': bool, 'svn-cache-credentials': bool, 'trunk-path': (str, bool), 'branches-path': (str, bool), 'tags-path': (str, bool), 'package-path': str, 'depot': str, 'branch': str, 'unique_perforce_client_name': str, 'p4user': str, 'p4password': str}
_C77 = {'type': _v102, 'only': _v13, 'exclude': _v13}
_C78 = {'name': 'string', 'url': 'string', 'canonical': 'boolean'}
_C79 = {'name': str, 'url': str, 'canonical': bool}
_C80 = {'type': _v103, 'only': _v13, 'exclude': _v13, 'options': _v104}
_C81 = {'type': _v105, 'only': _v13, 'exclude': _v13}
_C82 = {'name': 'string', 'url': 'string', 'canonical': 'boolean', 'vendor-alias': 'string'}
_C83 = {'name': str, 'url': str, 'canonical': bool, 'vendor-alias': str}
_C84 = {'type': _v106, 'only': _v13, 'exclude': _v13}
_C85 = {'name': 'string', 'canonical': 'boolean'}
_C86 = {'name': str, 'canonical': bool}
_C87 = {'type': _v107, 'only': _v13, 'exclude': _v13, 'package': _v108}
_C88 = {'block': 'boolean'}
_C89 = {'block': bool}
_C90 = {'audit': _v69, 'sources': _v111, 'ignore': _v112}
_C91 = {'audit': _v69, 'ignore-id': _v113, 'ignore': _v112, 'ignore-severity': _v114}
_C92 = {'block-scope': _v115, 'audit': _v69, 'ignore': _v112, 'ignore-source': _v13}
_C93 = {'audit': _v69, 'ignore': _v112}
_C94 = frozenset(('composer', ))
_C95 = frozenset(('bitbucket', 'forgejo', 'fossil', 'git', 'git-bitbucket', 'github', 'gitlab', 'hg', 'perforce', 'svn', 'vcs', ))
_C96 = frozenset(('path', ))
_C97 = {'symlink': 'boolean or null', 'relative': 'boolean'}
_C98 = {'symlink': (bool, NoneType), 'relative': bool}
_C99 = {'reference': _v117, 'versions': _v19}
_C100 = frozenset(('artifact', ))
_C101 = frozenset(('pear', ))
_C102 = frozenset(('package', ))
_C103 = (_v118, _v119, )
_C104 = (_v120, _v121, _v122, )
_C105 = (_v120, _v123, _v122, )
_C106 = (_v13, _v125, )
_C107 = (_v13, _v126, )
_C108 = (_v127, _v13, )
_C109 = frozenset(('all', 'install', 'update', ))
_C110 = frozenset(('audit', 'install', 'update', ))
_C111 = frozenset(('auto', 'config', 'none', ))
_C112 = {'name': 'string', 'type': 'string', 'target-dir': 'string', 'description': 'string', 'homepage': 'string', 'version': 'string', 'time': 'string', 'license': 'string or array', 'extra': 'object or array'}
_C113 = {'name': str, 'type': str, 'target-dir': str, 'description': str, 'homepage': str, 'version': str, 'time': str, 'license': (str, list), 'extra': (dict, list)}
_C114 = {'keywords': _v13, 'authors': _v14, 'require': _v19, 'replace': _v19, 'conflict': _v19, 'provide': _v19, 'require-dev': _v19, 'suggest': _v19, 'autoload': _v22, 'archive': _v128, 'bin': _v24, 'include-path': _v12, 'source': _v17, 'dist': _v18}
_C115 = {'reason': 'string'}
_C116 = {'reason': str}
_C117 = {'apply': _v129}
_C118 = {'type': _v130, 'url': _v131}
_C119 = (_v134, _v126, )
_C120 = {'exclude': 'array'}
_C121 = {'exclude': list}
_C122 = frozenset(('all', 'audit', 'block', ))
_C123 = frozenset(('url', ))
_C124 = (_v120, _v122, _v135, _v136, )
_C125 = (_v120, _v122, _v137, )
_C126 = {'constraint': 'string', 'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}
_C127 = {'constraint': str, 'reason': str, 'on-block': bool, 'on-audit': bool}
_C128 = {'reason': 'string', 'on-block': 'boolean', 'on-audit': 'boolean'}
_C129 = {'reason': str, 'on-block': bool, 'on-audit': bool}
_C130 = frozenset(('critical', 'high', 'low', 'medium', ))

# A value's pattern is checked once the walk is done, once per distinct string: `_q<n>` collects the
# strings. If one fails, the walk runs again with each pattern checked at once (`_e<n>`), to name the
# first bad value and its place. The lock keeps concurrent calls apart (the lists are shared).
_seen0 = []
_q0 = _seen0.append

def _e0(s):
    if not _re0(s): raise no_match(s, '^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$')

_seen1 = []
_q1 = _seen1.append

def _e1(s):
    if not _re1(s): raise no_match(s, '^[a-z0-9-]+$')

_seen2 = []
_q2 = _seen2.append

def _e2(s):
    if not _re2(s): raise no_match(s, '^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$')

_seen3 = []
_q3 = _seen3.append

def _e3(s):
    if not _re5(s): raise no_match(s, '^[a-zA-Z0-9][a-zA-Z0-9-_]*$')

_seen4 = []
_q4 = _seen4.append

def _e4(s):
    if not _re6(s): raise no_match(s, '^https://')

_lock = allocate_lock()

def _all_match():
    for s in set(_seen0):
        if not _re0(s): return False
    for s in set(_seen1):
        if not _re1(s): return False
    for s in set(_seen2):
        if not _re2(s): return False
    for s in set(_seen3):
        if not _re5(s): return False
    for s in set(_seen4):
        if not _re6(s): return False
    return True

def validate(doc):
    global _q0, _q1, _q2, _q3, _q4
    with _lock:
        try:
            _v0(doc)
            if _all_match(): return
        finally:
            _seen0.clear()
            _seen1.clear()
            _seen2.clear()
            _seen3.clear()
            _seen4.clear()
        _q0, _q1, _q2, _q3, _q4, = _e0, _e1, _e2, _e3, _e4,
        try:
            _v0(doc)
        finally:
            _q0, _q1, _q2, _q3, _q4, = _seen0.append, _seen1.append, _seen2.append, _seen3.append, _seen4.append,
    raise LockViolation('fails a pattern that every value matched on its own')  # never expected
