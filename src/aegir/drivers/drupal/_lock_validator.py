"""composer.lock validator generated ahead of time from Composer's schemas; do not edit by hand.

Regenerate with ``python -m aegir.drivers.drupal._lock_schema`` (fastjsonschema ``compile_to_code`` of
``schemas/composer-lock-schema.json`` with ``schemas/composer-schema.json``; formats not asserted, like
jsonschema's default; exceptions from :mod:`aegir.drivers.drupal._lock_violation`; no decimal import).
"""

# ruff: noqa
# mypy: ignore-errors
# fmt: off
VERSION = "2.22.3"
Decimal = float  # JSON input never holds decimal.Decimal values
import re
from aegir.drivers.drupal._lock_violation import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$': re.compile('^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*\\Z'),
    '^[a-z0-9-]+$': re.compile('^[a-z0-9-]+\\Z'),
    '^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$': re.compile('^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?\\Z|^dev-.*\\Z'),
    '^[a-zA-Z0-9][a-zA-Z0-9-_]*$': re.compile('^[a-zA-Z0-9][a-zA-Z0-9-_]*\\Z'),
    '^ignore(?!-unreachable$)': re.compile('^ignore(?!-unreachable$)'),
    '^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$': re.compile('^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$'),
    '^https://': re.compile('^https://')
}

NoneType = type(None)

def validate_https___schemas_aegir_invalid_composer_composer_lock_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['content-hash', 'packages', 'packages-dev']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "_readme" in data_keys:
            data_keys.remove("_readme")
            data__readme = data["_readme"]
            if not isinstance(data__readme, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "._readme must be array")
            data__readme_is_list = isinstance(data__readme, (list, tuple))
            if data__readme_is_list:
                data__readme_len = len(data__readme)
                for data__readme_x, data__readme_item in enumerate(data__readme):
                    if not isinstance(data__readme_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "._readme[{data__readme_x}]".format(**locals()) + " must be string")
        if "content-hash" in data_keys:
            data_keys.remove("content-hash")
            data__contenthash = data["content-hash"]
            if not isinstance(data__contenthash, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".content-hash must be string")
        if "packages" in data_keys:
            data_keys.remove("packages")
            data__packages = data["packages"]
            if not isinstance(data__packages, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".packages must be array")
            data__packages_is_list = isinstance(data__packages, (list, tuple))
            if data__packages_is_list:
                data__packages_len = len(data__packages)
                for data__packages_x, data__packages_item in enumerate(data__packages):
                    validate_https___schemas_aegir_invalid_composer_composer_schema_json(data__packages_item, custom_formats, (name_prefix or "data") + ".packages[{data__packages_x}]".format(**locals()))
        if "packages-dev" in data_keys:
            data_keys.remove("packages-dev")
            data__packagesdev = data["packages-dev"]
            if not isinstance(data__packagesdev, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".packages-dev must be array")
            data__packagesdev_is_list = isinstance(data__packagesdev, (list, tuple))
            if data__packagesdev_is_list:
                data__packagesdev_len = len(data__packagesdev)
                for data__packagesdev_x, data__packagesdev_item in enumerate(data__packagesdev):
                    validate_https___schemas_aegir_invalid_composer_composer_schema_json(data__packagesdev_item, custom_formats, (name_prefix or "data") + ".packages-dev[{data__packagesdev_x}]".format(**locals()))
        if "aliases" in data_keys:
            data_keys.remove("aliases")
            data__aliases = data["aliases"]
            if not isinstance(data__aliases, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases must be array")
            data__aliases_is_list = isinstance(data__aliases, (list, tuple))
            if data__aliases_is_list:
                data__aliases_len = len(data__aliases)
                for data__aliases_x, data__aliases_item in enumerate(data__aliases):
                    if not isinstance(data__aliases_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must be object")
                    data__aliases_item_is_dict = isinstance(data__aliases_item, dict)
                    if data__aliases_item_is_dict:
                        data__aliases_item__missing_keys = set(['package', 'version', 'alias', 'alias_normalized']) - data__aliases_item.keys()
                        if data__aliases_item__missing_keys:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}]".format(**locals()) + " must contain ")
                        data__aliases_item_keys = set(data__aliases_item.keys())
                        if "package" in data__aliases_item_keys:
                            data__aliases_item_keys.remove("package")
                            data__aliases_item__package = data__aliases_item["package"]
                            if not isinstance(data__aliases_item__package, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}].package".format(**locals()) + " must be string")
                        if "version" in data__aliases_item_keys:
                            data__aliases_item_keys.remove("version")
                            data__aliases_item__version = data__aliases_item["version"]
                            if not isinstance(data__aliases_item__version, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}].version".format(**locals()) + " must be string")
                        if "alias" in data__aliases_item_keys:
                            data__aliases_item_keys.remove("alias")
                            data__aliases_item__alias = data__aliases_item["alias"]
                            if not isinstance(data__aliases_item__alias, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}].alias".format(**locals()) + " must be string")
                        if "alias_normalized" in data__aliases_item_keys:
                            data__aliases_item_keys.remove("alias_normalized")
                            data__aliases_item__aliasnormalized = data__aliases_item["alias_normalized"]
                            if not isinstance(data__aliases_item__aliasnormalized, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".aliases[{data__aliases_x}].alias_normalized".format(**locals()) + " must be string")
        if "minimum-stability" in data_keys:
            data_keys.remove("minimum-stability")
            data__minimumstability = data["minimum-stability"]
            if not isinstance(data__minimumstability, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minimum-stability must be string")
        if "stability-flags" in data_keys:
            data_keys.remove("stability-flags")
            data__stabilityflags = data["stability-flags"]
            if not isinstance(data__stabilityflags, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".stability-flags must be object")
            data__stabilityflags_is_dict = isinstance(data__stabilityflags, dict)
            if data__stabilityflags_is_dict:
                data__stabilityflags_keys = set(data__stabilityflags.keys())
                for data__stabilityflags_key in data__stabilityflags_keys:
                    if data__stabilityflags_key not in []:
                        data__stabilityflags_value = data__stabilityflags.get(data__stabilityflags_key)
                        if not isinstance(data__stabilityflags_value, (int)) or isinstance(data__stabilityflags_value, bool):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".stability-flags.{data__stabilityflags_key}".format(**locals()) + " must be integer")
        if "prefer-stable" in data_keys:
            data_keys.remove("prefer-stable")
            data__preferstable = data["prefer-stable"]
            if not isinstance(data__preferstable, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prefer-stable must be boolean")
        if "prefer-lowest" in data_keys:
            data_keys.remove("prefer-lowest")
            data__preferlowest = data["prefer-lowest"]
            if not isinstance(data__preferlowest, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prefer-lowest must be boolean")
        if "platform" in data_keys:
            data_keys.remove("platform")
            data__platform = data["platform"]
            if not isinstance(data__platform, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform must be object")
            data__platform_is_dict = isinstance(data__platform, dict)
            if data__platform_is_dict:
                data__platform_keys = set(data__platform.keys())
                for data__platform_key in data__platform_keys:
                    if data__platform_key not in []:
                        data__platform_value = data__platform.get(data__platform_key)
                        if not isinstance(data__platform_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform.{data__platform_key}".format(**locals()) + " must be string")
        if "platform-dev" in data_keys:
            data_keys.remove("platform-dev")
            data__platformdev = data["platform-dev"]
            if not isinstance(data__platformdev, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform-dev must be object")
            data__platformdev_is_dict = isinstance(data__platformdev, dict)
            if data__platformdev_is_dict:
                data__platformdev_keys = set(data__platformdev.keys())
                for data__platformdev_key in data__platformdev_keys:
                    if data__platformdev_key not in []:
                        data__platformdev_value = data__platformdev.get(data__platformdev_key)
                        if not isinstance(data__platformdev_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform-dev.{data__platformdev_key}".format(**locals()) + " must be string")
        if "platform-overrides" in data_keys:
            data_keys.remove("platform-overrides")
            data__platformoverrides = data["platform-overrides"]
            if not isinstance(data__platformoverrides, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform-overrides must be object")
            data__platformoverrides_is_dict = isinstance(data__platformoverrides, dict)
            if data__platformoverrides_is_dict:
                data__platformoverrides_keys = set(data__platformoverrides.keys())
                for data__platformoverrides_key in data__platformoverrides_keys:
                    if data__platformoverrides_key not in []:
                        data__platformoverrides_value = data__platformoverrides.get(data__platformoverrides_key)
                        if not isinstance(data__platformoverrides_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".platform-overrides.{data__platformoverrides_key}".format(**locals()) + " must be string")
        if "plugin-api-version" in data_keys:
            data_keys.remove("plugin-api-version")
            data__pluginapiversion = data["plugin-api-version"]
            if not isinstance(data__pluginapiversion, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".plugin-api-version must be string")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
            if isinstance(data__name, str):
                if not REGEX_PATTERNS['^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$'].search(data__name):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must match pattern ^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
        if "license" in data_keys:
            data_keys.remove("license")
            data__license = data["license"]
            if not isinstance(data__license, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".license must be string or array")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if isinstance(data__type, str):
                if not REGEX_PATTERNS['^[a-z0-9-]+$'].search(data__type):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must match pattern ^[a-z0-9-]+$")
        if "abandoned" in data_keys:
            data_keys.remove("abandoned")
            data__abandoned = data["abandoned"]
            if not isinstance(data__abandoned, (bool, str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".abandoned must be boolean or string")
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string")
            if isinstance(data__version, str):
                if not REGEX_PATTERNS['^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$'].search(data__version):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must match pattern ^[vV]?\\d+(?:[.-]\\d+){0,3}[._-]?(?:(?:[sS][tT][aA][bB][lL][eE]|[bB][eE][tT][aA]|[bB]|[rR][cC]|[aA][lL][pP][hH][aA]|[aA]|[pP][aA][tT][cC][hH]|[pP][lL]|[pP])(?:(?:[.-]?\\d+)*)?)?(?:[.-]?[dD][eE][vV]|\\.x-dev)?(?:\\+.*)?$|^dev-.*$")
        if "default-branch" in data_keys:
            data_keys.remove("default-branch")
            data__defaultbranch = data["default-branch"]
            if not isinstance(data__defaultbranch, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".default-branch must be boolean")
        if "non-feature-branches" in data_keys:
            data_keys.remove("non-feature-branches")
            data__nonfeaturebranches = data["non-feature-branches"]
            if not isinstance(data__nonfeaturebranches, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".non-feature-branches must be array")
            data__nonfeaturebranches_is_list = isinstance(data__nonfeaturebranches, (list, tuple))
            if data__nonfeaturebranches_is_list:
                data__nonfeaturebranches_len = len(data__nonfeaturebranches)
                for data__nonfeaturebranches_x, data__nonfeaturebranches_item in enumerate(data__nonfeaturebranches):
                    if not isinstance(data__nonfeaturebranches_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".non-feature-branches[{data__nonfeaturebranches_x}]".format(**locals()) + " must be string")
        if "keywords" in data_keys:
            data_keys.remove("keywords")
            data__keywords = data["keywords"]
            if not isinstance(data__keywords, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".keywords must be array")
            data__keywords_is_list = isinstance(data__keywords, (list, tuple))
            if data__keywords_is_list:
                data__keywords_len = len(data__keywords)
                for data__keywords_x, data__keywords_item in enumerate(data__keywords):
                    if not isinstance(data__keywords_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".keywords[{data__keywords_x}]".format(**locals()) + " must be string")
        if "readme" in data_keys:
            data_keys.remove("readme")
            data__readme = data["readme"]
            if not isinstance(data__readme, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".readme must be string")
        if "time" in data_keys:
            data_keys.remove("time")
            data__time = data["time"]
            if not isinstance(data__time, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".time must be string")
        if "authors" in data_keys:
            data_keys.remove("authors")
            data__authors = data["authors"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_authors(data__authors, custom_formats, (name_prefix or "data") + ".authors")
        if "homepage" in data_keys:
            data_keys.remove("homepage")
            data__homepage = data["homepage"]
            if not isinstance(data__homepage, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".homepage must be string")
        if "support" in data_keys:
            data_keys.remove("support")
            data__support = data["support"]
            if not isinstance(data__support, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".support must be object")
            data__support_is_dict = isinstance(data__support, dict)
            if data__support_is_dict:
                data__support_keys = set(data__support.keys())
                if "email" in data__support_keys:
                    data__support_keys.remove("email")
                    data__support__email = data__support["email"]
                    if not isinstance(data__support__email, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.email must be string")
                if "issues" in data__support_keys:
                    data__support_keys.remove("issues")
                    data__support__issues = data__support["issues"]
                    if not isinstance(data__support__issues, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.issues must be string")
                if "forum" in data__support_keys:
                    data__support_keys.remove("forum")
                    data__support__forum = data__support["forum"]
                    if not isinstance(data__support__forum, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.forum must be string")
                if "wiki" in data__support_keys:
                    data__support_keys.remove("wiki")
                    data__support__wiki = data__support["wiki"]
                    if not isinstance(data__support__wiki, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.wiki must be string")
                if "irc" in data__support_keys:
                    data__support_keys.remove("irc")
                    data__support__irc = data__support["irc"]
                    if not isinstance(data__support__irc, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.irc must be string")
                if "chat" in data__support_keys:
                    data__support_keys.remove("chat")
                    data__support__chat = data__support["chat"]
                    if not isinstance(data__support__chat, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.chat must be string")
                if "source" in data__support_keys:
                    data__support_keys.remove("source")
                    data__support__source = data__support["source"]
                    if not isinstance(data__support__source, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.source must be string")
                if "docs" in data__support_keys:
                    data__support_keys.remove("docs")
                    data__support__docs = data__support["docs"]
                    if not isinstance(data__support__docs, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.docs must be string")
                if "rss" in data__support_keys:
                    data__support_keys.remove("rss")
                    data__support__rss = data__support["rss"]
                    if not isinstance(data__support__rss, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.rss must be string")
                if "security" in data__support_keys:
                    data__support_keys.remove("security")
                    data__support__security = data__support["security"]
                    if not isinstance(data__support__security, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".support.security must be string")
        if "funding" in data_keys:
            data_keys.remove("funding")
            data__funding = data["funding"]
            if not isinstance(data__funding, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".funding must be array")
            data__funding_is_list = isinstance(data__funding, (list, tuple))
            if data__funding_is_list:
                data__funding_len = len(data__funding)
                for data__funding_x, data__funding_item in enumerate(data__funding):
                    if not isinstance(data__funding_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".funding[{data__funding_x}]".format(**locals()) + " must be object")
                    data__funding_item_is_dict = isinstance(data__funding_item, dict)
                    if data__funding_item_is_dict:
                        data__funding_item_keys = set(data__funding_item.keys())
                        if "type" in data__funding_item_keys:
                            data__funding_item_keys.remove("type")
                            data__funding_item__type = data__funding_item["type"]
                            if not isinstance(data__funding_item__type, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".funding[{data__funding_x}].type".format(**locals()) + " must be string")
                        if "url" in data__funding_item_keys:
                            data__funding_item_keys.remove("url")
                            data__funding_item__url = data__funding_item["url"]
                            if not isinstance(data__funding_item__url, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".funding[{data__funding_x}].url".format(**locals()) + " must be string")
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_source(data__source, custom_formats, (name_prefix or "data") + ".source")
        if "dist" in data_keys:
            data_keys.remove("dist")
            data__dist = data["dist"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_dist(data__dist, custom_formats, (name_prefix or "data") + ".dist")
        if "_comment" in data_keys:
            data_keys.remove("_comment")
            data__comment = data["_comment"]
            if not isinstance(data__comment, (list, tuple, str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "._comment must be array or string")
        if "require" in data_keys:
            data_keys.remove("require")
            data__require = data["require"]
            if not isinstance(data__require, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".require must be object")
            data__require_is_dict = isinstance(data__require, dict)
            if data__require_is_dict:
                data__require_keys = set(data__require.keys())
                for data__require_key in data__require_keys:
                    if data__require_key not in []:
                        data__require_value = data__require.get(data__require_key)
                        if not isinstance(data__require_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".require.{data__require_key}".format(**locals()) + " must be string")
        if "require-dev" in data_keys:
            data_keys.remove("require-dev")
            data__requiredev = data["require-dev"]
            if not isinstance(data__requiredev, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".require-dev must be object")
            data__requiredev_is_dict = isinstance(data__requiredev, dict)
            if data__requiredev_is_dict:
                data__requiredev_keys = set(data__requiredev.keys())
                for data__requiredev_key in data__requiredev_keys:
                    if data__requiredev_key not in []:
                        data__requiredev_value = data__requiredev.get(data__requiredev_key)
                        if not isinstance(data__requiredev_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".require-dev.{data__requiredev_key}".format(**locals()) + " must be string")
        if "replace" in data_keys:
            data_keys.remove("replace")
            data__replace = data["replace"]
            if not isinstance(data__replace, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".replace must be object")
            data__replace_is_dict = isinstance(data__replace, dict)
            if data__replace_is_dict:
                data__replace_keys = set(data__replace.keys())
                for data__replace_key in data__replace_keys:
                    if data__replace_key not in []:
                        data__replace_value = data__replace.get(data__replace_key)
                        if not isinstance(data__replace_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".replace.{data__replace_key}".format(**locals()) + " must be string")
        if "conflict" in data_keys:
            data_keys.remove("conflict")
            data__conflict = data["conflict"]
            if not isinstance(data__conflict, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".conflict must be object")
            data__conflict_is_dict = isinstance(data__conflict, dict)
            if data__conflict_is_dict:
                data__conflict_keys = set(data__conflict.keys())
                for data__conflict_key in data__conflict_keys:
                    if data__conflict_key not in []:
                        data__conflict_value = data__conflict.get(data__conflict_key)
                        if not isinstance(data__conflict_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".conflict.{data__conflict_key}".format(**locals()) + " must be string")
        if "provide" in data_keys:
            data_keys.remove("provide")
            data__provide = data["provide"]
            if not isinstance(data__provide, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".provide must be object")
            data__provide_is_dict = isinstance(data__provide, dict)
            if data__provide_is_dict:
                data__provide_keys = set(data__provide.keys())
                for data__provide_key in data__provide_keys:
                    if data__provide_key not in []:
                        data__provide_value = data__provide.get(data__provide_key)
                        if not isinstance(data__provide_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".provide.{data__provide_key}".format(**locals()) + " must be string")
        if "suggest" in data_keys:
            data_keys.remove("suggest")
            data__suggest = data["suggest"]
            if not isinstance(data__suggest, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".suggest must be object")
            data__suggest_is_dict = isinstance(data__suggest, dict)
            if data__suggest_is_dict:
                data__suggest_keys = set(data__suggest.keys())
                for data__suggest_key in data__suggest_keys:
                    if data__suggest_key not in []:
                        data__suggest_value = data__suggest.get(data__suggest_key)
                        if not isinstance(data__suggest_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".suggest.{data__suggest_key}".format(**locals()) + " must be string")
        if "repositories" in data_keys:
            data_keys.remove("repositories")
            data__repositories = data["repositories"]
            if not isinstance(data__repositories, (dict, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories must be object or array")
            data__repositories_is_list = isinstance(data__repositories, (list, tuple))
            if data__repositories_is_list:
                data__repositories_len = len(data__repositories)
                for data__repositories_x, data__repositories_item in enumerate(data__repositories):
                    data__repositories_item_any_of_count1 = 0
                    if not data__repositories_item_any_of_count1:
                        try:
                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_repository(data__repositories_item, custom_formats, (name_prefix or "data") + ".repositories[{data__repositories_x}]".format(**locals()))
                            data__repositories_item_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__repositories_item_any_of_count1:
                        try:
                            if not isinstance(data__repositories_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}]".format(**locals()) + " must be object")
                            data__repositories_item_is_dict = isinstance(data__repositories_item, dict)
                            if data__repositories_item_is_dict:
                                data__repositories_item_len = len(data__repositories_item)
                                if data__repositories_item_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}]".format(**locals()) + " must contain at least 1 properties")
                                if data__repositories_item_len > 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}]".format(**locals()) + " must contain less than or equal to 1 properties")
                                data__repositories_item_keys = set(data__repositories_item.keys())
                                for data__repositories_item_key in data__repositories_item_keys:
                                    if data__repositories_item_key not in []:
                                        data__repositories_item_value = data__repositories_item.get(data__repositories_item_key)
                                        if not isinstance(data__repositories_item_value, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}].{data__repositories_item_key}".format(**locals()) + " must be boolean")
                                        if not (isinstance(data__repositories_item_value, bool) and data__repositories_item_value is False):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}].{data__repositories_item_key}".format(**locals()) + " must be one of [False]")
                            data__repositories_item_any_of_count1 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if not data__repositories_item_any_of_count1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories[{data__repositories_x}]".format(**locals()) + " cannot be validated by any definition")
            data__repositories_is_dict = isinstance(data__repositories, dict)
            if data__repositories_is_dict:
                data__repositories_keys = set(data__repositories.keys())
                for data__repositories_key in data__repositories_keys:
                    if data__repositories_key not in []:
                        data__repositories_value = data__repositories.get(data__repositories_key)
                        data__repositories_value_any_of_count2 = 0
                        if not data__repositories_value_any_of_count2:
                            try:
                                validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_anonymous_repository(data__repositories_value, custom_formats, (name_prefix or "data") + ".repositories.{data__repositories_key}".format(**locals()))
                                data__repositories_value_any_of_count2 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data__repositories_value_any_of_count2:
                            try:
                                if not isinstance(data__repositories_value, (bool)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories.{data__repositories_key}".format(**locals()) + " must be boolean")
                                if not (isinstance(data__repositories_value, bool) and data__repositories_value is False):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories.{data__repositories_key}".format(**locals()) + " must be one of [False]")
                                data__repositories_value_any_of_count2 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data__repositories_value_any_of_count2:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".repositories.{data__repositories_key}".format(**locals()) + " cannot be validated by any definition")
        if "minimum-stability" in data_keys:
            data_keys.remove("minimum-stability")
            data__minimumstability = data["minimum-stability"]
            if not isinstance(data__minimumstability, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minimum-stability must be string")
            if not (isinstance(data__minimumstability, str) and data__minimumstability == 'dev' or isinstance(data__minimumstability, str) and data__minimumstability == 'alpha' or isinstance(data__minimumstability, str) and data__minimumstability == 'beta' or isinstance(data__minimumstability, str) and data__minimumstability == 'rc' or isinstance(data__minimumstability, str) and data__minimumstability == 'RC' or isinstance(data__minimumstability, str) and data__minimumstability == 'stable'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".minimum-stability must be one of ['dev', 'alpha', 'beta', 'rc', 'RC', 'stable']")
        if "prefer-stable" in data_keys:
            data_keys.remove("prefer-stable")
            data__preferstable = data["prefer-stable"]
            if not isinstance(data__preferstable, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".prefer-stable must be boolean")
        if "autoload" in data_keys:
            data_keys.remove("autoload")
            data__autoload = data["autoload"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_autoload(data__autoload, custom_formats, (name_prefix or "data") + ".autoload")
        if "autoload-dev" in data_keys:
            data_keys.remove("autoload-dev")
            data__autoloaddev = data["autoload-dev"]
            if not isinstance(data__autoloaddev, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev must be object")
            data__autoloaddev_is_dict = isinstance(data__autoloaddev, dict)
            if data__autoloaddev_is_dict:
                data__autoloaddev_keys = set(data__autoloaddev.keys())
                if "psr-0" in data__autoloaddev_keys:
                    data__autoloaddev_keys.remove("psr-0")
                    data__autoloaddev__psr0 = data__autoloaddev["psr-0"]
                    if not isinstance(data__autoloaddev__psr0, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-0 must be object")
                    data__autoloaddev__psr0_is_dict = isinstance(data__autoloaddev__psr0, dict)
                    if data__autoloaddev__psr0_is_dict:
                        data__autoloaddev__psr0_keys = set(data__autoloaddev__psr0.keys())
                        for data__autoloaddev__psr0_key in data__autoloaddev__psr0_keys:
                            if data__autoloaddev__psr0_key not in []:
                                data__autoloaddev__psr0_value = data__autoloaddev__psr0.get(data__autoloaddev__psr0_key)
                                if not isinstance(data__autoloaddev__psr0_value, (str, list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-0.{data__autoloaddev__psr0_key}".format(**locals()) + " must be string or array")
                                data__autoloaddev__psr0_value_is_list = isinstance(data__autoloaddev__psr0_value, (list, tuple))
                                if data__autoloaddev__psr0_value_is_list:
                                    data__autoloaddev__psr0_value_len = len(data__autoloaddev__psr0_value)
                                    for data__autoloaddev__psr0_value_x, data__autoloaddev__psr0_value_item in enumerate(data__autoloaddev__psr0_value):
                                        if not isinstance(data__autoloaddev__psr0_value_item, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-0.{data__autoloaddev__psr0_key}[{data__autoloaddev__psr0_value_x}]".format(**locals()) + " must be string")
                if "psr-4" in data__autoloaddev_keys:
                    data__autoloaddev_keys.remove("psr-4")
                    data__autoloaddev__psr4 = data__autoloaddev["psr-4"]
                    if not isinstance(data__autoloaddev__psr4, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-4 must be object")
                    data__autoloaddev__psr4_is_dict = isinstance(data__autoloaddev__psr4, dict)
                    if data__autoloaddev__psr4_is_dict:
                        data__autoloaddev__psr4_keys = set(data__autoloaddev__psr4.keys())
                        for data__autoloaddev__psr4_key in data__autoloaddev__psr4_keys:
                            if data__autoloaddev__psr4_key not in []:
                                data__autoloaddev__psr4_value = data__autoloaddev__psr4.get(data__autoloaddev__psr4_key)
                                if not isinstance(data__autoloaddev__psr4_value, (str, list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-4.{data__autoloaddev__psr4_key}".format(**locals()) + " must be string or array")
                                data__autoloaddev__psr4_value_is_list = isinstance(data__autoloaddev__psr4_value, (list, tuple))
                                if data__autoloaddev__psr4_value_is_list:
                                    data__autoloaddev__psr4_value_len = len(data__autoloaddev__psr4_value)
                                    for data__autoloaddev__psr4_value_x, data__autoloaddev__psr4_value_item in enumerate(data__autoloaddev__psr4_value):
                                        if not isinstance(data__autoloaddev__psr4_value_item, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.psr-4.{data__autoloaddev__psr4_key}[{data__autoloaddev__psr4_value_x}]".format(**locals()) + " must be string")
                if "classmap" in data__autoloaddev_keys:
                    data__autoloaddev_keys.remove("classmap")
                    data__autoloaddev__classmap = data__autoloaddev["classmap"]
                    if not isinstance(data__autoloaddev__classmap, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.classmap must be array")
                if "files" in data__autoloaddev_keys:
                    data__autoloaddev_keys.remove("files")
                    data__autoloaddev__files = data__autoloaddev["files"]
                    if not isinstance(data__autoloaddev__files, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".autoload-dev.files must be array")
        if "target-dir" in data_keys:
            data_keys.remove("target-dir")
            data__targetdir = data["target-dir"]
            if not isinstance(data__targetdir, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target-dir must be string")
        if "include-path" in data_keys:
            data_keys.remove("include-path")
            data__includepath = data["include-path"]
            if not isinstance(data__includepath, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".include-path must be array")
            data__includepath_is_list = isinstance(data__includepath, (list, tuple))
            if data__includepath_is_list:
                data__includepath_len = len(data__includepath)
                for data__includepath_x, data__includepath_item in enumerate(data__includepath):
                    if not isinstance(data__includepath_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".include-path[{data__includepath_x}]".format(**locals()) + " must be string")
        if "bin" in data_keys:
            data_keys.remove("bin")
            data__bin = data["bin"]
            if not isinstance(data__bin, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bin must be string or array")
            data__bin_is_list = isinstance(data__bin, (list, tuple))
            if data__bin_is_list:
                data__bin_len = len(data__bin)
                for data__bin_x, data__bin_item in enumerate(data__bin):
                    if not isinstance(data__bin_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".bin[{data__bin_x}]".format(**locals()) + " must be string")
        if "archive" in data_keys:
            data_keys.remove("archive")
            data__archive = data["archive"]
            if not isinstance(data__archive, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".archive must be object")
            data__archive_is_dict = isinstance(data__archive, dict)
            if data__archive_is_dict:
                data__archive_keys = set(data__archive.keys())
                if "name" in data__archive_keys:
                    data__archive_keys.remove("name")
                    data__archive__name = data__archive["name"]
                    if not isinstance(data__archive__name, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".archive.name must be string")
                if "exclude" in data__archive_keys:
                    data__archive_keys.remove("exclude")
                    data__archive__exclude = data__archive["exclude"]
                    if not isinstance(data__archive__exclude, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".archive.exclude must be array")
        if "php-ext" in data_keys:
            data_keys.remove("php-ext")
            data__phpext = data["php-ext"]
            if not isinstance(data__phpext, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext must be object")
            try:
                data__phpext_is_dict = isinstance(data__phpext, dict)
                if data__phpext_is_dict:
                    data__phpext__missing_keys = set(['os-families', 'os-families-exclude']) - data__phpext.keys()
                    if data__phpext__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext must contain ")
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
            else:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext must NOT match a disallowed definition")
            data__phpext_is_dict = isinstance(data__phpext, dict)
            if data__phpext_is_dict:
                data__phpext_keys = set(data__phpext.keys())
                if "extension-name" in data__phpext_keys:
                    data__phpext_keys.remove("extension-name")
                    data__phpext__extensionname = data__phpext["extension-name"]
                    if not isinstance(data__phpext__extensionname, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.extension-name must be string")
                if "priority" in data__phpext_keys:
                    data__phpext_keys.remove("priority")
                    data__phpext__priority = data__phpext["priority"]
                    if not isinstance(data__phpext__priority, (int)) or isinstance(data__phpext__priority, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.priority must be integer")
                    if isinstance(data__phpext__priority, (int, float, Decimal)) and not isinstance(data__phpext__priority, bool):
                        if data__phpext__priority < 10:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.priority must be bigger than or equal to 10")
                        if data__phpext__priority > 99:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.priority must be smaller than or equal to 99")
                else: data__phpext["priority"] = 80
                if "support-zts" in data__phpext_keys:
                    data__phpext_keys.remove("support-zts")
                    data__phpext__supportzts = data__phpext["support-zts"]
                    if not isinstance(data__phpext__supportzts, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.support-zts must be boolean")
                else: data__phpext["support-zts"] = True
                if "support-nts" in data__phpext_keys:
                    data__phpext_keys.remove("support-nts")
                    data__phpext__supportnts = data__phpext["support-nts"]
                    if not isinstance(data__phpext__supportnts, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.support-nts must be boolean")
                else: data__phpext["support-nts"] = True
                if "build-path" in data__phpext_keys:
                    data__phpext_keys.remove("build-path")
                    data__phpext__buildpath = data__phpext["build-path"]
                    if not isinstance(data__phpext__buildpath, (str, NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.build-path must be string or null")
                else: data__phpext["build-path"] = None
                if "download-url-method" in data__phpext_keys:
                    data__phpext_keys.remove("download-url-method")
                    data__phpext__downloadurlmethod = data__phpext["download-url-method"]
                    data__phpext__downloadurlmethod_one_of_count3 = 0
                    if data__phpext__downloadurlmethod_one_of_count3 < 2:
                        try:
                            if not isinstance(data__phpext__downloadurlmethod, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method must be string")
                            if not (isinstance(data__phpext__downloadurlmethod, str) and data__phpext__downloadurlmethod == 'composer-default' or isinstance(data__phpext__downloadurlmethod, str) and data__phpext__downloadurlmethod == 'pre-packaged-source' or isinstance(data__phpext__downloadurlmethod, str) and data__phpext__downloadurlmethod == 'pre-packaged-binary'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method must be one of ['composer-default', 'pre-packaged-source', 'pre-packaged-binary']")
                            data__phpext__downloadurlmethod_one_of_count3 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__phpext__downloadurlmethod_one_of_count3 < 2:
                        try:
                            if not isinstance(data__phpext__downloadurlmethod, (list, tuple)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method must be array")
                            data__phpext__downloadurlmethod_is_list = isinstance(data__phpext__downloadurlmethod, (list, tuple))
                            if data__phpext__downloadurlmethod_is_list:
                                data__phpext__downloadurlmethod_len = len(data__phpext__downloadurlmethod)
                                if data__phpext__downloadurlmethod_len < 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method must contain at least 1 items")
                                for data__phpext__downloadurlmethod_x, data__phpext__downloadurlmethod_item in enumerate(data__phpext__downloadurlmethod):
                                    if not isinstance(data__phpext__downloadurlmethod_item, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method[{data__phpext__downloadurlmethod_x}]".format(**locals()) + " must be string")
                                    if not (isinstance(data__phpext__downloadurlmethod_item, str) and data__phpext__downloadurlmethod_item == 'composer-default' or isinstance(data__phpext__downloadurlmethod_item, str) and data__phpext__downloadurlmethod_item == 'pre-packaged-source' or isinstance(data__phpext__downloadurlmethod_item, str) and data__phpext__downloadurlmethod_item == 'pre-packaged-binary'):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method[{data__phpext__downloadurlmethod_x}]".format(**locals()) + " must be one of ['composer-default', 'pre-packaged-source', 'pre-packaged-binary']")
                            data__phpext__downloadurlmethod_one_of_count3 += 1
                        except (JsonSchemaValueException, JsonSchemaValuesException): pass
                    if data__phpext__downloadurlmethod_one_of_count3 != 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.download-url-method must be valid exactly by one definition")
                if "os-families" in data__phpext_keys:
                    data__phpext_keys.remove("os-families")
                    data__phpext__osfamilies = data__phpext["os-families"]
                    if not isinstance(data__phpext__osfamilies, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families must be array")
                    data__phpext__osfamilies_is_list = isinstance(data__phpext__osfamilies, (list, tuple))
                    if data__phpext__osfamilies_is_list:
                        data__phpext__osfamilies_len = len(data__phpext__osfamilies)
                        if data__phpext__osfamilies_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families must contain at least 1 items")
                        for data__phpext__osfamilies_x, data__phpext__osfamilies_item in enumerate(data__phpext__osfamilies):
                            if not isinstance(data__phpext__osfamilies_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families[{data__phpext__osfamilies_x}]".format(**locals()) + " must be string")
                            if not (isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'windows' or isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'bsd' or isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'darwin' or isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'solaris' or isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'linux' or isinstance(data__phpext__osfamilies_item, str) and data__phpext__osfamilies_item == 'unknown'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families[{data__phpext__osfamilies_x}]".format(**locals()) + " must be one of ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown']")
                if "os-families-exclude" in data__phpext_keys:
                    data__phpext_keys.remove("os-families-exclude")
                    data__phpext__osfamiliesexclude = data__phpext["os-families-exclude"]
                    if not isinstance(data__phpext__osfamiliesexclude, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families-exclude must be array")
                    data__phpext__osfamiliesexclude_is_list = isinstance(data__phpext__osfamiliesexclude, (list, tuple))
                    if data__phpext__osfamiliesexclude_is_list:
                        data__phpext__osfamiliesexclude_len = len(data__phpext__osfamiliesexclude)
                        if data__phpext__osfamiliesexclude_len < 1:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families-exclude must contain at least 1 items")
                        for data__phpext__osfamiliesexclude_x, data__phpext__osfamiliesexclude_item in enumerate(data__phpext__osfamiliesexclude):
                            if not isinstance(data__phpext__osfamiliesexclude_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families-exclude[{data__phpext__osfamiliesexclude_x}]".format(**locals()) + " must be string")
                            if not (isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'windows' or isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'bsd' or isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'darwin' or isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'solaris' or isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'linux' or isinstance(data__phpext__osfamiliesexclude_item, str) and data__phpext__osfamiliesexclude_item == 'unknown'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.os-families-exclude[{data__phpext__osfamiliesexclude_x}]".format(**locals()) + " must be one of ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown']")
                if "configure-options" in data__phpext_keys:
                    data__phpext_keys.remove("configure-options")
                    data__phpext__configureoptions = data__phpext["configure-options"]
                    if not isinstance(data__phpext__configureoptions, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options must be array")
                    data__phpext__configureoptions_is_list = isinstance(data__phpext__configureoptions, (list, tuple))
                    if data__phpext__configureoptions_is_list:
                        data__phpext__configureoptions_len = len(data__phpext__configureoptions)
                        for data__phpext__configureoptions_x, data__phpext__configureoptions_item in enumerate(data__phpext__configureoptions):
                            if not isinstance(data__phpext__configureoptions_item, (dict)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}]".format(**locals()) + " must be object")
                            data__phpext__configureoptions_item_is_dict = isinstance(data__phpext__configureoptions_item, dict)
                            if data__phpext__configureoptions_item_is_dict:
                                data__phpext__configureoptions_item__missing_keys = set(['name']) - data__phpext__configureoptions_item.keys()
                                if data__phpext__configureoptions_item__missing_keys:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}]".format(**locals()) + " must contain ")
                                data__phpext__configureoptions_item_keys = set(data__phpext__configureoptions_item.keys())
                                if "name" in data__phpext__configureoptions_item_keys:
                                    data__phpext__configureoptions_item_keys.remove("name")
                                    data__phpext__configureoptions_item__name = data__phpext__configureoptions_item["name"]
                                    if not isinstance(data__phpext__configureoptions_item__name, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}].name".format(**locals()) + " must be string")
                                    if isinstance(data__phpext__configureoptions_item__name, str):
                                        if not REGEX_PATTERNS['^[a-zA-Z0-9][a-zA-Z0-9-_]*$'].search(data__phpext__configureoptions_item__name):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}].name".format(**locals()) + " must match pattern ^[a-zA-Z0-9][a-zA-Z0-9-_]*$")
                                if "needs-value" in data__phpext__configureoptions_item_keys:
                                    data__phpext__configureoptions_item_keys.remove("needs-value")
                                    data__phpext__configureoptions_item__needsvalue = data__phpext__configureoptions_item["needs-value"]
                                    if not isinstance(data__phpext__configureoptions_item__needsvalue, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}].needs-value".format(**locals()) + " must be boolean")
                                else: data__phpext__configureoptions_item["needs-value"] = False
                                if "description" in data__phpext__configureoptions_item_keys:
                                    data__phpext__configureoptions_item_keys.remove("description")
                                    data__phpext__configureoptions_item__description = data__phpext__configureoptions_item["description"]
                                    if not isinstance(data__phpext__configureoptions_item__description, (str)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".php-ext.configure-options[{data__phpext__configureoptions_x}].description".format(**locals()) + " must be string")
        if "config" in data_keys:
            data_keys.remove("config")
            data__config = data["config"]
            if not isinstance(data__config, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config must be object")
            data__config_is_dict = isinstance(data__config, dict)
            if data__config_is_dict:
                data__config_keys = set(data__config.keys())
                if "platform" in data__config_keys:
                    data__config_keys.remove("platform")
                    data__config__platform = data__config["platform"]
                    if not isinstance(data__config__platform, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.platform must be object")
                    data__config__platform_is_dict = isinstance(data__config__platform, dict)
                    if data__config__platform_is_dict:
                        data__config__platform_keys = set(data__config__platform.keys())
                        for data__config__platform_key in data__config__platform_keys:
                            if data__config__platform_key not in []:
                                data__config__platform_value = data__config__platform.get(data__config__platform_key)
                                if not isinstance(data__config__platform_value, (str, bool)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.platform.{data__config__platform_key}".format(**locals()) + " must be string or boolean")
                if "allow-plugins" in data__config_keys:
                    data__config_keys.remove("allow-plugins")
                    data__config__allowplugins = data__config["allow-plugins"]
                    if not isinstance(data__config__allowplugins, (dict, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.allow-plugins must be object or boolean")
                    data__config__allowplugins_is_dict = isinstance(data__config__allowplugins, dict)
                    if data__config__allowplugins_is_dict:
                        data__config__allowplugins_keys = set(data__config__allowplugins.keys())
                        for data__config__allowplugins_key in data__config__allowplugins_keys:
                            if data__config__allowplugins_key not in []:
                                data__config__allowplugins_value = data__config__allowplugins.get(data__config__allowplugins_key)
                                if not isinstance(data__config__allowplugins_value, (bool)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.allow-plugins.{data__config__allowplugins_key}".format(**locals()) + " must be boolean")
                if "process-timeout" in data__config_keys:
                    data__config_keys.remove("process-timeout")
                    data__config__processtimeout = data__config["process-timeout"]
                    if not isinstance(data__config__processtimeout, (int)) or isinstance(data__config__processtimeout, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.process-timeout must be integer")
                if "use-include-path" in data__config_keys:
                    data__config_keys.remove("use-include-path")
                    data__config__useincludepath = data__config["use-include-path"]
                    if not isinstance(data__config__useincludepath, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.use-include-path must be boolean")
                if "use-parent-dir" in data__config_keys:
                    data__config_keys.remove("use-parent-dir")
                    data__config__useparentdir = data__config["use-parent-dir"]
                    if not isinstance(data__config__useparentdir, (str, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.use-parent-dir must be string or boolean")
                if "preferred-install" in data__config_keys:
                    data__config_keys.remove("preferred-install")
                    data__config__preferredinstall = data__config["preferred-install"]
                    if not isinstance(data__config__preferredinstall, (str, dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.preferred-install must be string or object")
                    data__config__preferredinstall_is_dict = isinstance(data__config__preferredinstall, dict)
                    if data__config__preferredinstall_is_dict:
                        data__config__preferredinstall_keys = set(data__config__preferredinstall.keys())
                        for data__config__preferredinstall_key in data__config__preferredinstall_keys:
                            if data__config__preferredinstall_key not in []:
                                data__config__preferredinstall_value = data__config__preferredinstall.get(data__config__preferredinstall_key)
                                if not isinstance(data__config__preferredinstall_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.preferred-install.{data__config__preferredinstall_key}".format(**locals()) + " must be string")
                if "audit" in data__config_keys:
                    data__config_keys.remove("audit")
                    data__config__audit = data__config["audit"]
                    if not isinstance(data__config__audit, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit must be object")
                    data__config__audit_is_dict = isinstance(data__config__audit, dict)
                    if data__config__audit_is_dict:
                        data__config__audit_keys = set(data__config__audit.keys())
                        if "ignore" in data__config__audit_keys:
                            data__config__audit_keys.remove("ignore")
                            data__config__audit__ignore = data__config__audit["ignore"]
                            data__config__audit__ignore_any_of_count4 = 0
                            if not data__config__audit__ignore_any_of_count4:
                                try:
                                    if not isinstance(data__config__audit__ignore, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore must be object")
                                    data__config__audit__ignore_is_dict = isinstance(data__config__audit__ignore, dict)
                                    if data__config__audit__ignore_is_dict:
                                        data__config__audit__ignore_keys = set(data__config__audit__ignore.keys())
                                        for data__config__audit__ignore_key in data__config__audit__ignore_keys:
                                            if data__config__audit__ignore_key not in []:
                                                data__config__audit__ignore_value = data__config__audit__ignore.get(data__config__audit__ignore_key)
                                                data__config__audit__ignore_value_any_of_count5 = 0
                                                if not data__config__audit__ignore_value_any_of_count5:
                                                    try:
                                                        if not isinstance(data__config__audit__ignore_value, (str)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}".format(**locals()) + " must be string")
                                                        data__config__audit__ignore_value_any_of_count5 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignore_value_any_of_count5:
                                                    try:
                                                        if not isinstance(data__config__audit__ignore_value, (dict)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}".format(**locals()) + " must be object")
                                                        data__config__audit__ignore_value_is_dict = isinstance(data__config__audit__ignore_value, dict)
                                                        if data__config__audit__ignore_value_is_dict:
                                                            data__config__audit__ignore_value_keys = set(data__config__audit__ignore_value.keys())
                                                            if "apply" in data__config__audit__ignore_value_keys:
                                                                data__config__audit__ignore_value_keys.remove("apply")
                                                                data__config__audit__ignore_value__apply = data__config__audit__ignore_value["apply"]
                                                                if not isinstance(data__config__audit__ignore_value__apply, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}.apply".format(**locals()) + " must be string")
                                                                if not (isinstance(data__config__audit__ignore_value__apply, str) and data__config__audit__ignore_value__apply == 'audit' or isinstance(data__config__audit__ignore_value__apply, str) and data__config__audit__ignore_value__apply == 'block' or isinstance(data__config__audit__ignore_value__apply, str) and data__config__audit__ignore_value__apply == 'all'):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}.apply".format(**locals()) + " must be one of ['audit', 'block', 'all']")
                                                            if "reason" in data__config__audit__ignore_value_keys:
                                                                data__config__audit__ignore_value_keys.remove("reason")
                                                                data__config__audit__ignore_value__reason = data__config__audit__ignore_value["reason"]
                                                                if not isinstance(data__config__audit__ignore_value__reason, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}.reason".format(**locals()) + " must be string")
                                                        data__config__audit__ignore_value_any_of_count5 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignore_value_any_of_count5:
                                                    try:
                                                        if not isinstance(data__config__audit__ignore_value, (NoneType)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}".format(**locals()) + " must be null")
                                                        data__config__audit__ignore_value_any_of_count5 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignore_value_any_of_count5:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore.{data__config__audit__ignore_key}".format(**locals()) + " cannot be validated by any definition")
                                    data__config__audit__ignore_any_of_count4 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignore_any_of_count4:
                                try:
                                    if not isinstance(data__config__audit__ignore, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore must be array")
                                    data__config__audit__ignore_is_list = isinstance(data__config__audit__ignore, (list, tuple))
                                    if data__config__audit__ignore_is_list:
                                        data__config__audit__ignore_len = len(data__config__audit__ignore)
                                        for data__config__audit__ignore_x, data__config__audit__ignore_item in enumerate(data__config__audit__ignore):
                                            if not isinstance(data__config__audit__ignore_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore[{data__config__audit__ignore_x}]".format(**locals()) + " must be string")
                                    data__config__audit__ignore_any_of_count4 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignore_any_of_count4:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore cannot be validated by any definition")
                        if "abandoned" in data__config__audit_keys:
                            data__config__audit_keys.remove("abandoned")
                            data__config__audit__abandoned = data__config__audit["abandoned"]
                            if not (isinstance(data__config__audit__abandoned, str) and data__config__audit__abandoned == 'ignore' or isinstance(data__config__audit__abandoned, str) and data__config__audit__abandoned == 'report' or isinstance(data__config__audit__abandoned, str) and data__config__audit__abandoned == 'fail'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.abandoned must be one of ['ignore', 'report', 'fail']")
                        if "ignore-severity" in data__config__audit_keys:
                            data__config__audit_keys.remove("ignore-severity")
                            data__config__audit__ignoreseverity = data__config__audit["ignore-severity"]
                            data__config__audit__ignoreseverity_any_of_count6 = 0
                            if not data__config__audit__ignoreseverity_any_of_count6:
                                try:
                                    if not isinstance(data__config__audit__ignoreseverity, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity must be object")
                                    data__config__audit__ignoreseverity_is_dict = isinstance(data__config__audit__ignoreseverity, dict)
                                    if data__config__audit__ignoreseverity_is_dict:
                                        data__config__audit__ignoreseverity_keys = set(data__config__audit__ignoreseverity.keys())
                                        for data__config__audit__ignoreseverity_key in data__config__audit__ignoreseverity_keys:
                                            if data__config__audit__ignoreseverity_key not in []:
                                                data__config__audit__ignoreseverity_value = data__config__audit__ignoreseverity.get(data__config__audit__ignoreseverity_key)
                                                data__config__audit__ignoreseverity_value_any_of_count7 = 0
                                                if not data__config__audit__ignoreseverity_value_any_of_count7:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreseverity_value, (str)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}".format(**locals()) + " must be string")
                                                        data__config__audit__ignoreseverity_value_any_of_count7 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreseverity_value_any_of_count7:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreseverity_value, (dict)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}".format(**locals()) + " must be object")
                                                        data__config__audit__ignoreseverity_value_is_dict = isinstance(data__config__audit__ignoreseverity_value, dict)
                                                        if data__config__audit__ignoreseverity_value_is_dict:
                                                            data__config__audit__ignoreseverity_value_keys = set(data__config__audit__ignoreseverity_value.keys())
                                                            if "apply" in data__config__audit__ignoreseverity_value_keys:
                                                                data__config__audit__ignoreseverity_value_keys.remove("apply")
                                                                data__config__audit__ignoreseverity_value__apply = data__config__audit__ignoreseverity_value["apply"]
                                                                if not isinstance(data__config__audit__ignoreseverity_value__apply, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}.apply".format(**locals()) + " must be string")
                                                                if not (isinstance(data__config__audit__ignoreseverity_value__apply, str) and data__config__audit__ignoreseverity_value__apply == 'audit' or isinstance(data__config__audit__ignoreseverity_value__apply, str) and data__config__audit__ignoreseverity_value__apply == 'block' or isinstance(data__config__audit__ignoreseverity_value__apply, str) and data__config__audit__ignoreseverity_value__apply == 'all'):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}.apply".format(**locals()) + " must be one of ['audit', 'block', 'all']")
                                                        data__config__audit__ignoreseverity_value_any_of_count7 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreseverity_value_any_of_count7:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreseverity_value, (NoneType)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}".format(**locals()) + " must be null")
                                                        data__config__audit__ignoreseverity_value_any_of_count7 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreseverity_value_any_of_count7:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity.{data__config__audit__ignoreseverity_key}".format(**locals()) + " cannot be validated by any definition")
                                    data__config__audit__ignoreseverity_any_of_count6 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignoreseverity_any_of_count6:
                                try:
                                    if not isinstance(data__config__audit__ignoreseverity, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity must be array")
                                    data__config__audit__ignoreseverity_is_list = isinstance(data__config__audit__ignoreseverity, (list, tuple))
                                    if data__config__audit__ignoreseverity_is_list:
                                        data__config__audit__ignoreseverity_len = len(data__config__audit__ignoreseverity)
                                        for data__config__audit__ignoreseverity_x, data__config__audit__ignoreseverity_item in enumerate(data__config__audit__ignoreseverity):
                                            if not isinstance(data__config__audit__ignoreseverity_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity[{data__config__audit__ignoreseverity_x}]".format(**locals()) + " must be string")
                                    data__config__audit__ignoreseverity_any_of_count6 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignoreseverity_any_of_count6:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-severity cannot be validated by any definition")
                        if "ignore-unreachable" in data__config__audit_keys:
                            data__config__audit_keys.remove("ignore-unreachable")
                            data__config__audit__ignoreunreachable = data__config__audit["ignore-unreachable"]
                            if not isinstance(data__config__audit__ignoreunreachable, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-unreachable must be boolean")
                        if "block-insecure" in data__config__audit_keys:
                            data__config__audit_keys.remove("block-insecure")
                            data__config__audit__blockinsecure = data__config__audit["block-insecure"]
                            if not isinstance(data__config__audit__blockinsecure, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.block-insecure must be boolean")
                        else: data__config__audit["block-insecure"] = True
                        if "block-abandoned" in data__config__audit_keys:
                            data__config__audit_keys.remove("block-abandoned")
                            data__config__audit__blockabandoned = data__config__audit["block-abandoned"]
                            if not isinstance(data__config__audit__blockabandoned, (bool)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.block-abandoned must be boolean")
                        else: data__config__audit["block-abandoned"] = False
                        if "ignore-abandoned" in data__config__audit_keys:
                            data__config__audit_keys.remove("ignore-abandoned")
                            data__config__audit__ignoreabandoned = data__config__audit["ignore-abandoned"]
                            data__config__audit__ignoreabandoned_any_of_count8 = 0
                            if not data__config__audit__ignoreabandoned_any_of_count8:
                                try:
                                    if not isinstance(data__config__audit__ignoreabandoned, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned must be object")
                                    data__config__audit__ignoreabandoned_is_dict = isinstance(data__config__audit__ignoreabandoned, dict)
                                    if data__config__audit__ignoreabandoned_is_dict:
                                        data__config__audit__ignoreabandoned_keys = set(data__config__audit__ignoreabandoned.keys())
                                        for data__config__audit__ignoreabandoned_key in data__config__audit__ignoreabandoned_keys:
                                            if data__config__audit__ignoreabandoned_key not in []:
                                                data__config__audit__ignoreabandoned_value = data__config__audit__ignoreabandoned.get(data__config__audit__ignoreabandoned_key)
                                                data__config__audit__ignoreabandoned_value_any_of_count9 = 0
                                                if not data__config__audit__ignoreabandoned_value_any_of_count9:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreabandoned_value, (str)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}".format(**locals()) + " must be string")
                                                        data__config__audit__ignoreabandoned_value_any_of_count9 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreabandoned_value_any_of_count9:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreabandoned_value, (dict)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}".format(**locals()) + " must be object")
                                                        data__config__audit__ignoreabandoned_value_is_dict = isinstance(data__config__audit__ignoreabandoned_value, dict)
                                                        if data__config__audit__ignoreabandoned_value_is_dict:
                                                            data__config__audit__ignoreabandoned_value_keys = set(data__config__audit__ignoreabandoned_value.keys())
                                                            if "apply" in data__config__audit__ignoreabandoned_value_keys:
                                                                data__config__audit__ignoreabandoned_value_keys.remove("apply")
                                                                data__config__audit__ignoreabandoned_value__apply = data__config__audit__ignoreabandoned_value["apply"]
                                                                if not isinstance(data__config__audit__ignoreabandoned_value__apply, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}.apply".format(**locals()) + " must be string")
                                                                if not (isinstance(data__config__audit__ignoreabandoned_value__apply, str) and data__config__audit__ignoreabandoned_value__apply == 'audit' or isinstance(data__config__audit__ignoreabandoned_value__apply, str) and data__config__audit__ignoreabandoned_value__apply == 'block' or isinstance(data__config__audit__ignoreabandoned_value__apply, str) and data__config__audit__ignoreabandoned_value__apply == 'all'):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}.apply".format(**locals()) + " must be one of ['audit', 'block', 'all']")
                                                            if "reason" in data__config__audit__ignoreabandoned_value_keys:
                                                                data__config__audit__ignoreabandoned_value_keys.remove("reason")
                                                                data__config__audit__ignoreabandoned_value__reason = data__config__audit__ignoreabandoned_value["reason"]
                                                                if not isinstance(data__config__audit__ignoreabandoned_value__reason, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}.reason".format(**locals()) + " must be string")
                                                        data__config__audit__ignoreabandoned_value_any_of_count9 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreabandoned_value_any_of_count9:
                                                    try:
                                                        if not isinstance(data__config__audit__ignoreabandoned_value, (NoneType)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}".format(**locals()) + " must be null")
                                                        data__config__audit__ignoreabandoned_value_any_of_count9 += 1
                                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                                if not data__config__audit__ignoreabandoned_value_any_of_count9:
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned.{data__config__audit__ignoreabandoned_key}".format(**locals()) + " cannot be validated by any definition")
                                    data__config__audit__ignoreabandoned_any_of_count8 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignoreabandoned_any_of_count8:
                                try:
                                    if not isinstance(data__config__audit__ignoreabandoned, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned must be array")
                                    data__config__audit__ignoreabandoned_is_list = isinstance(data__config__audit__ignoreabandoned, (list, tuple))
                                    if data__config__audit__ignoreabandoned_is_list:
                                        data__config__audit__ignoreabandoned_len = len(data__config__audit__ignoreabandoned)
                                        for data__config__audit__ignoreabandoned_x, data__config__audit__ignoreabandoned_item in enumerate(data__config__audit__ignoreabandoned):
                                            if not isinstance(data__config__audit__ignoreabandoned_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned[{data__config__audit__ignoreabandoned_x}]".format(**locals()) + " must be string")
                                    data__config__audit__ignoreabandoned_any_of_count8 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if not data__config__audit__ignoreabandoned_any_of_count8:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.audit.ignore-abandoned cannot be validated by any definition")
                if "policy" in data__config_keys:
                    data__config_keys.remove("policy")
                    data__config__policy = data__config["policy"]
                    if not isinstance(data__config__policy, (bool, dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy must be boolean or object")
                    data__config__policy_is_dict = isinstance(data__config__policy, dict)
                    if data__config__policy_is_dict:
                        data__config__policy_keys = set(data__config__policy.keys())
                        if "advisories" in data__config__policy_keys:
                            data__config__policy_keys.remove("advisories")
                            data__config__policy__advisories = data__config__policy["advisories"]
                            data__config__policy__advisories_one_of_count10 = 0
                            if data__config__policy__advisories_one_of_count10 < 2:
                                try:
                                    if not isinstance(data__config__policy__advisories, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories must be boolean")
                                    data__config__policy__advisories_one_of_count10 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__advisories_one_of_count10 < 2:
                                try:
                                    if not isinstance(data__config__policy__advisories, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories must be object")
                                    data__config__policy__advisories_is_dict = isinstance(data__config__policy__advisories, dict)
                                    if data__config__policy__advisories_is_dict:
                                        data__config__policy__advisories_keys = set(data__config__policy__advisories.keys())
                                        if "block" in data__config__policy__advisories_keys:
                                            data__config__policy__advisories_keys.remove("block")
                                            data__config__policy__advisories__block = data__config__policy__advisories["block"]
                                            if not isinstance(data__config__policy__advisories__block, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories.block must be boolean")
                                        else: data__config__policy__advisories["block"] = True
                                        if "audit" in data__config__policy__advisories_keys:
                                            data__config__policy__advisories_keys.remove("audit")
                                            data__config__policy__advisories__audit = data__config__policy__advisories["audit"]
                                            if not (isinstance(data__config__policy__advisories__audit, str) and data__config__policy__advisories__audit == 'ignore' or isinstance(data__config__policy__advisories__audit, str) and data__config__policy__advisories__audit == 'report' or isinstance(data__config__policy__advisories__audit, str) and data__config__policy__advisories__audit == 'fail'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories.audit must be one of ['ignore', 'report', 'fail']")
                                        else: data__config__policy__advisories["audit"] = 'fail'
                                        if "ignore-id" in data__config__policy__advisories_keys:
                                            data__config__policy__advisories_keys.remove("ignore-id")
                                            data__config__policy__advisories__ignoreid = data__config__policy__advisories["ignore-id"]
                                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore_id(data__config__policy__advisories__ignoreid, custom_formats, (name_prefix or "data") + ".config.policy.advisories.ignore-id")
                                        if "ignore" in data__config__policy__advisories_keys:
                                            data__config__policy__advisories_keys.remove("ignore")
                                            data__config__policy__advisories__ignore = data__config__policy__advisories["ignore"]
                                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore(data__config__policy__advisories__ignore, custom_formats, (name_prefix or "data") + ".config.policy.advisories.ignore")
                                        if "ignore-severity" in data__config__policy__advisories_keys:
                                            data__config__policy__advisories_keys.remove("ignore-severity")
                                            data__config__policy__advisories__ignoreseverity = data__config__policy__advisories["ignore-severity"]
                                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore_severity(data__config__policy__advisories__ignoreseverity, custom_formats, (name_prefix or "data") + ".config.policy.advisories.ignore-severity")
                                        if data__config__policy__advisories_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories must not contain "+str(data__config__policy__advisories_keys)+" properties")
                                    data__config__policy__advisories_one_of_count10 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__advisories_one_of_count10 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.advisories must be valid exactly by one definition")
                        if "malware" in data__config__policy_keys:
                            data__config__policy_keys.remove("malware")
                            data__config__policy__malware = data__config__policy["malware"]
                            data__config__policy__malware_one_of_count11 = 0
                            if data__config__policy__malware_one_of_count11 < 2:
                                try:
                                    if not isinstance(data__config__policy__malware, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware must be boolean")
                                    data__config__policy__malware_one_of_count11 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__malware_one_of_count11 < 2:
                                try:
                                    if not isinstance(data__config__policy__malware, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware must be object")
                                    data__config__policy__malware_is_dict = isinstance(data__config__policy__malware, dict)
                                    if data__config__policy__malware_is_dict:
                                        data__config__policy__malware_keys = set(data__config__policy__malware.keys())
                                        if "block" in data__config__policy__malware_keys:
                                            data__config__policy__malware_keys.remove("block")
                                            data__config__policy__malware__block = data__config__policy__malware["block"]
                                            if not isinstance(data__config__policy__malware__block, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware.block must be boolean")
                                        else: data__config__policy__malware["block"] = True
                                        if "block-scope" in data__config__policy__malware_keys:
                                            data__config__policy__malware_keys.remove("block-scope")
                                            data__config__policy__malware__blockscope = data__config__policy__malware["block-scope"]
                                            if not (isinstance(data__config__policy__malware__blockscope, str) and data__config__policy__malware__blockscope == 'all' or isinstance(data__config__policy__malware__blockscope, str) and data__config__policy__malware__blockscope == 'update' or isinstance(data__config__policy__malware__blockscope, str) and data__config__policy__malware__blockscope == 'install'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware.block-scope must be one of ['all', 'update', 'install']")
                                        else: data__config__policy__malware["block-scope"] = 'all'
                                        if "audit" in data__config__policy__malware_keys:
                                            data__config__policy__malware_keys.remove("audit")
                                            data__config__policy__malware__audit = data__config__policy__malware["audit"]
                                            if not (isinstance(data__config__policy__malware__audit, str) and data__config__policy__malware__audit == 'ignore' or isinstance(data__config__policy__malware__audit, str) and data__config__policy__malware__audit == 'report' or isinstance(data__config__policy__malware__audit, str) and data__config__policy__malware__audit == 'fail'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware.audit must be one of ['ignore', 'report', 'fail']")
                                        else: data__config__policy__malware["audit"] = 'fail'
                                        if "ignore" in data__config__policy__malware_keys:
                                            data__config__policy__malware_keys.remove("ignore")
                                            data__config__policy__malware__ignore = data__config__policy__malware["ignore"]
                                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore(data__config__policy__malware__ignore, custom_formats, (name_prefix or "data") + ".config.policy.malware.ignore")
                                        if "ignore-source" in data__config__policy__malware_keys:
                                            data__config__policy__malware_keys.remove("ignore-source")
                                            data__config__policy__malware__ignoresource = data__config__policy__malware["ignore-source"]
                                            if not isinstance(data__config__policy__malware__ignoresource, (list, tuple)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware.ignore-source must be array")
                                            data__config__policy__malware__ignoresource_is_list = isinstance(data__config__policy__malware__ignoresource, (list, tuple))
                                            if data__config__policy__malware__ignoresource_is_list:
                                                data__config__policy__malware__ignoresource_len = len(data__config__policy__malware__ignoresource)
                                                for data__config__policy__malware__ignoresource_x, data__config__policy__malware__ignoresource_item in enumerate(data__config__policy__malware__ignoresource):
                                                    if not isinstance(data__config__policy__malware__ignoresource_item, (str)):
                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware.ignore-source[{data__config__policy__malware__ignoresource_x}]".format(**locals()) + " must be string")
                                        if data__config__policy__malware_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware must not contain "+str(data__config__policy__malware_keys)+" properties")
                                    data__config__policy__malware_one_of_count11 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__malware_one_of_count11 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.malware must be valid exactly by one definition")
                        if "abandoned" in data__config__policy_keys:
                            data__config__policy_keys.remove("abandoned")
                            data__config__policy__abandoned = data__config__policy["abandoned"]
                            data__config__policy__abandoned_one_of_count12 = 0
                            if data__config__policy__abandoned_one_of_count12 < 2:
                                try:
                                    if not isinstance(data__config__policy__abandoned, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned must be boolean")
                                    data__config__policy__abandoned_one_of_count12 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__abandoned_one_of_count12 < 2:
                                try:
                                    if not isinstance(data__config__policy__abandoned, (dict)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned must be object")
                                    data__config__policy__abandoned_is_dict = isinstance(data__config__policy__abandoned, dict)
                                    if data__config__policy__abandoned_is_dict:
                                        data__config__policy__abandoned_keys = set(data__config__policy__abandoned.keys())
                                        if "block" in data__config__policy__abandoned_keys:
                                            data__config__policy__abandoned_keys.remove("block")
                                            data__config__policy__abandoned__block = data__config__policy__abandoned["block"]
                                            if not isinstance(data__config__policy__abandoned__block, (bool)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned.block must be boolean")
                                        else: data__config__policy__abandoned["block"] = False
                                        if "audit" in data__config__policy__abandoned_keys:
                                            data__config__policy__abandoned_keys.remove("audit")
                                            data__config__policy__abandoned__audit = data__config__policy__abandoned["audit"]
                                            if not (isinstance(data__config__policy__abandoned__audit, str) and data__config__policy__abandoned__audit == 'ignore' or isinstance(data__config__policy__abandoned__audit, str) and data__config__policy__abandoned__audit == 'report' or isinstance(data__config__policy__abandoned__audit, str) and data__config__policy__abandoned__audit == 'fail'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned.audit must be one of ['ignore', 'report', 'fail']")
                                        else: data__config__policy__abandoned["audit"] = 'fail'
                                        if "ignore" in data__config__policy__abandoned_keys:
                                            data__config__policy__abandoned_keys.remove("ignore")
                                            data__config__policy__abandoned__ignore = data__config__policy__abandoned["ignore"]
                                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore(data__config__policy__abandoned__ignore, custom_formats, (name_prefix or "data") + ".config.policy.abandoned.ignore")
                                        if data__config__policy__abandoned_keys:
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned must not contain "+str(data__config__policy__abandoned_keys)+" properties")
                                    data__config__policy__abandoned_one_of_count12 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__abandoned_one_of_count12 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.abandoned must be valid exactly by one definition")
                        if "ignore-unreachable" in data__config__policy_keys:
                            data__config__policy_keys.remove("ignore-unreachable")
                            data__config__policy__ignoreunreachable = data__config__policy["ignore-unreachable"]
                            data__config__policy__ignoreunreachable_one_of_count13 = 0
                            if data__config__policy__ignoreunreachable_one_of_count13 < 2:
                                try:
                                    if not isinstance(data__config__policy__ignoreunreachable, (bool)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.ignore-unreachable must be boolean")
                                    data__config__policy__ignoreunreachable_one_of_count13 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__ignoreunreachable_one_of_count13 < 2:
                                try:
                                    if not isinstance(data__config__policy__ignoreunreachable, (list, tuple)):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.ignore-unreachable must be array")
                                    data__config__policy__ignoreunreachable_is_list = isinstance(data__config__policy__ignoreunreachable, (list, tuple))
                                    if data__config__policy__ignoreunreachable_is_list:
                                        data__config__policy__ignoreunreachable_len = len(data__config__policy__ignoreunreachable)
                                        for data__config__policy__ignoreunreachable_x, data__config__policy__ignoreunreachable_item in enumerate(data__config__policy__ignoreunreachable):
                                            if not isinstance(data__config__policy__ignoreunreachable_item, (str)):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.ignore-unreachable[{data__config__policy__ignoreunreachable_x}]".format(**locals()) + " must be string")
                                            if not (isinstance(data__config__policy__ignoreunreachable_item, str) and data__config__policy__ignoreunreachable_item == 'audit' or isinstance(data__config__policy__ignoreunreachable_item, str) and data__config__policy__ignoreunreachable_item == 'install' or isinstance(data__config__policy__ignoreunreachable_item, str) and data__config__policy__ignoreunreachable_item == 'update'):
                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.ignore-unreachable[{data__config__policy__ignoreunreachable_x}]".format(**locals()) + " must be one of ['audit', 'install', 'update']")
                                    data__config__policy__ignoreunreachable_one_of_count13 += 1
                                except (JsonSchemaValueException, JsonSchemaValuesException): pass
                            if data__config__policy__ignoreunreachable_one_of_count13 != 1:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.ignore-unreachable must be valid exactly by one definition")
                        for data__config__policy_key, data__config__policy_val in data__config__policy.items():
                            if REGEX_PATTERNS['^ignore(?!-unreachable$)'].search(data__config__policy_key):
                                if data__config__policy_key in data__config__policy_keys:
                                    data__config__policy_keys.remove(data__config__policy_key)
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}".format(**locals()) + " must NOT match a disallowed definition")
                            if REGEX_PATTERNS['^(package|packages|license|licence|licenses|licences|support|maintenance|security|minimum-release-age)$'].search(data__config__policy_key):
                                if data__config__policy_key in data__config__policy_keys:
                                    data__config__policy_keys.remove(data__config__policy_key)
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}".format(**locals()) + " must NOT match a disallowed definition")
                        for data__config__policy_key in data__config__policy_keys:
                            if data__config__policy_key not in ['advisories', 'malware', 'abandoned', 'ignore-unreachable']:
                                data__config__policy_value = data__config__policy.get(data__config__policy_key)
                                data__config__policy_value_one_of_count14 = 0
                                if data__config__policy_value_one_of_count14 < 2:
                                    try:
                                        if not isinstance(data__config__policy_value, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}".format(**locals()) + " must be boolean")
                                        data__config__policy_value_one_of_count14 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if data__config__policy_value_one_of_count14 < 2:
                                    try:
                                        if not isinstance(data__config__policy_value, (dict)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}".format(**locals()) + " must be object")
                                        data__config__policy_value_is_dict = isinstance(data__config__policy_value, dict)
                                        if data__config__policy_value_is_dict:
                                            data__config__policy_value_keys = set(data__config__policy_value.keys())
                                            if "block" in data__config__policy_value_keys:
                                                data__config__policy_value_keys.remove("block")
                                                data__config__policy_value__block = data__config__policy_value["block"]
                                                if not isinstance(data__config__policy_value__block, (bool)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.block".format(**locals()) + " must be boolean")
                                            else: data__config__policy_value["block"] = True
                                            if "audit" in data__config__policy_value_keys:
                                                data__config__policy_value_keys.remove("audit")
                                                data__config__policy_value__audit = data__config__policy_value["audit"]
                                                if not (isinstance(data__config__policy_value__audit, str) and data__config__policy_value__audit == 'ignore' or isinstance(data__config__policy_value__audit, str) and data__config__policy_value__audit == 'report' or isinstance(data__config__policy_value__audit, str) and data__config__policy_value__audit == 'fail'):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.audit".format(**locals()) + " must be one of ['ignore', 'report', 'fail']")
                                            else: data__config__policy_value["audit"] = 'fail'
                                            if "sources" in data__config__policy_value_keys:
                                                data__config__policy_value_keys.remove("sources")
                                                data__config__policy_value__sources = data__config__policy_value["sources"]
                                                if not isinstance(data__config__policy_value__sources, (list, tuple)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources".format(**locals()) + " must be array")
                                                data__config__policy_value__sources_is_list = isinstance(data__config__policy_value__sources, (list, tuple))
                                                if data__config__policy_value__sources_is_list:
                                                    data__config__policy_value__sources_len = len(data__config__policy_value__sources)
                                                    for data__config__policy_value__sources_x, data__config__policy_value__sources_item in enumerate(data__config__policy_value__sources):
                                                        if not isinstance(data__config__policy_value__sources_item, (dict)):
                                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}]".format(**locals()) + " must be object")
                                                        data__config__policy_value__sources_item_is_dict = isinstance(data__config__policy_value__sources_item, dict)
                                                        if data__config__policy_value__sources_item_is_dict:
                                                            data__config__policy_value__sources_item__missing_keys = set(['type', 'url']) - data__config__policy_value__sources_item.keys()
                                                            if data__config__policy_value__sources_item__missing_keys:
                                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}]".format(**locals()) + " must contain ")
                                                            data__config__policy_value__sources_item_keys = set(data__config__policy_value__sources_item.keys())
                                                            if "type" in data__config__policy_value__sources_item_keys:
                                                                data__config__policy_value__sources_item_keys.remove("type")
                                                                data__config__policy_value__sources_item__type = data__config__policy_value__sources_item["type"]
                                                                if not isinstance(data__config__policy_value__sources_item__type, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}].type".format(**locals()) + " must be string")
                                                                if not (isinstance(data__config__policy_value__sources_item__type, str) and data__config__policy_value__sources_item__type == 'url'):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}].type".format(**locals()) + " must be one of ['url']")
                                                            if "url" in data__config__policy_value__sources_item_keys:
                                                                data__config__policy_value__sources_item_keys.remove("url")
                                                                data__config__policy_value__sources_item__url = data__config__policy_value__sources_item["url"]
                                                                if not isinstance(data__config__policy_value__sources_item__url, (str)):
                                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}].url".format(**locals()) + " must be string")
                                                                if isinstance(data__config__policy_value__sources_item__url, str):
                                                                    if not REGEX_PATTERNS['^https://'].search(data__config__policy_value__sources_item__url):
                                                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}].url".format(**locals()) + " must match pattern ^https://")
                                                            if data__config__policy_value__sources_item_keys:
                                                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}.sources[{data__config__policy_value__sources_x}]".format(**locals()) + " must not contain "+str(data__config__policy_value__sources_item_keys)+" properties")
                                            if "ignore" in data__config__policy_value_keys:
                                                data__config__policy_value_keys.remove("ignore")
                                                data__config__policy_value__ignore = data__config__policy_value["ignore"]
                                                validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore(data__config__policy_value__ignore, custom_formats, (name_prefix or "data") + ".config.policy.{data__config__policy_key}.ignore".format(**locals()))
                                        data__config__policy_value_one_of_count14 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if data__config__policy_value_one_of_count14 != 1:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.policy.{data__config__policy_key}".format(**locals()) + " must be valid exactly by one definition")
                if "notify-on-install" in data__config_keys:
                    data__config_keys.remove("notify-on-install")
                    data__config__notifyoninstall = data__config["notify-on-install"]
                    if not isinstance(data__config__notifyoninstall, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.notify-on-install must be boolean")
                if "source-fallback" in data__config_keys:
                    data__config_keys.remove("source-fallback")
                    data__config__sourcefallback = data__config["source-fallback"]
                    if not isinstance(data__config__sourcefallback, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.source-fallback must be boolean")
                if "github-protocols" in data__config_keys:
                    data__config_keys.remove("github-protocols")
                    data__config__githubprotocols = data__config["github-protocols"]
                    if not isinstance(data__config__githubprotocols, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-protocols must be array")
                    data__config__githubprotocols_is_list = isinstance(data__config__githubprotocols, (list, tuple))
                    if data__config__githubprotocols_is_list:
                        data__config__githubprotocols_len = len(data__config__githubprotocols)
                        for data__config__githubprotocols_x, data__config__githubprotocols_item in enumerate(data__config__githubprotocols):
                            if not isinstance(data__config__githubprotocols_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-protocols[{data__config__githubprotocols_x}]".format(**locals()) + " must be string")
                if "github-oauth" in data__config_keys:
                    data__config_keys.remove("github-oauth")
                    data__config__githuboauth = data__config["github-oauth"]
                    if not isinstance(data__config__githuboauth, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-oauth must be object")
                    data__config__githuboauth_is_dict = isinstance(data__config__githuboauth, dict)
                    if data__config__githuboauth_is_dict:
                        data__config__githuboauth_keys = set(data__config__githuboauth.keys())
                        for data__config__githuboauth_key in data__config__githuboauth_keys:
                            if data__config__githuboauth_key not in []:
                                data__config__githuboauth_value = data__config__githuboauth.get(data__config__githuboauth_key)
                                if not isinstance(data__config__githuboauth_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-oauth.{data__config__githuboauth_key}".format(**locals()) + " must be string")
                if "gitlab-oauth" in data__config_keys:
                    data__config_keys.remove("gitlab-oauth")
                    data__config__gitlaboauth = data__config["gitlab-oauth"]
                    if not isinstance(data__config__gitlaboauth, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth must be object")
                    data__config__gitlaboauth_is_dict = isinstance(data__config__gitlaboauth, dict)
                    if data__config__gitlaboauth_is_dict:
                        data__config__gitlaboauth_keys = set(data__config__gitlaboauth.keys())
                        for data__config__gitlaboauth_key in data__config__gitlaboauth_keys:
                            if data__config__gitlaboauth_key not in []:
                                data__config__gitlaboauth_value = data__config__gitlaboauth.get(data__config__gitlaboauth_key)
                                if not isinstance(data__config__gitlaboauth_value, (str, dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth.{data__config__gitlaboauth_key}".format(**locals()) + " must be string or object")
                                data__config__gitlaboauth_value_is_dict = isinstance(data__config__gitlaboauth_value, dict)
                                if data__config__gitlaboauth_value_is_dict:
                                    data__config__gitlaboauth_value__missing_keys = set(['token']) - data__config__gitlaboauth_value.keys()
                                    if data__config__gitlaboauth_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth.{data__config__gitlaboauth_key}".format(**locals()) + " must contain ")
                                    data__config__gitlaboauth_value_keys = set(data__config__gitlaboauth_value.keys())
                                    if "expires-at" in data__config__gitlaboauth_value_keys:
                                        data__config__gitlaboauth_value_keys.remove("expires-at")
                                        data__config__gitlaboauth_value__expiresat = data__config__gitlaboauth_value["expires-at"]
                                        if not isinstance(data__config__gitlaboauth_value__expiresat, (int)) or isinstance(data__config__gitlaboauth_value__expiresat, bool):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth.{data__config__gitlaboauth_key}.expires-at".format(**locals()) + " must be integer")
                                    if "refresh-token" in data__config__gitlaboauth_value_keys:
                                        data__config__gitlaboauth_value_keys.remove("refresh-token")
                                        data__config__gitlaboauth_value__refreshtoken = data__config__gitlaboauth_value["refresh-token"]
                                        if not isinstance(data__config__gitlaboauth_value__refreshtoken, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth.{data__config__gitlaboauth_key}.refresh-token".format(**locals()) + " must be string")
                                    if "token" in data__config__gitlaboauth_value_keys:
                                        data__config__gitlaboauth_value_keys.remove("token")
                                        data__config__gitlaboauth_value__token = data__config__gitlaboauth_value["token"]
                                        if not isinstance(data__config__gitlaboauth_value__token, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-oauth.{data__config__gitlaboauth_key}.token".format(**locals()) + " must be string")
                if "gitlab-token" in data__config_keys:
                    data__config_keys.remove("gitlab-token")
                    data__config__gitlabtoken = data__config["gitlab-token"]
                    if not isinstance(data__config__gitlabtoken, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-token must be object")
                    data__config__gitlabtoken_is_dict = isinstance(data__config__gitlabtoken, dict)
                    if data__config__gitlabtoken_is_dict:
                        data__config__gitlabtoken_keys = set(data__config__gitlabtoken.keys())
                        for data__config__gitlabtoken_key in data__config__gitlabtoken_keys:
                            if data__config__gitlabtoken_key not in []:
                                data__config__gitlabtoken_value = data__config__gitlabtoken.get(data__config__gitlabtoken_key)
                                if not isinstance(data__config__gitlabtoken_value, (str, dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-token.{data__config__gitlabtoken_key}".format(**locals()) + " must be string or object")
                                data__config__gitlabtoken_value_is_dict = isinstance(data__config__gitlabtoken_value, dict)
                                if data__config__gitlabtoken_value_is_dict:
                                    data__config__gitlabtoken_value__missing_keys = set(['username', 'token']) - data__config__gitlabtoken_value.keys()
                                    if data__config__gitlabtoken_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-token.{data__config__gitlabtoken_key}".format(**locals()) + " must contain ")
                                    data__config__gitlabtoken_value_keys = set(data__config__gitlabtoken_value.keys())
                                    if "username" in data__config__gitlabtoken_value_keys:
                                        data__config__gitlabtoken_value_keys.remove("username")
                                        data__config__gitlabtoken_value__username = data__config__gitlabtoken_value["username"]
                                        if not isinstance(data__config__gitlabtoken_value__username, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-token.{data__config__gitlabtoken_key}.username".format(**locals()) + " must be string")
                                    if "token" in data__config__gitlabtoken_value_keys:
                                        data__config__gitlabtoken_value_keys.remove("token")
                                        data__config__gitlabtoken_value__token = data__config__gitlabtoken_value["token"]
                                        if not isinstance(data__config__gitlabtoken_value__token, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-token.{data__config__gitlabtoken_key}.token".format(**locals()) + " must be string")
                if "gitlab-protocol" in data__config_keys:
                    data__config_keys.remove("gitlab-protocol")
                    data__config__gitlabprotocol = data__config["gitlab-protocol"]
                    if not (isinstance(data__config__gitlabprotocol, str) and data__config__gitlabprotocol == 'git' or isinstance(data__config__gitlabprotocol, str) and data__config__gitlabprotocol == 'http' or isinstance(data__config__gitlabprotocol, str) and data__config__gitlabprotocol == 'https'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-protocol must be one of ['git', 'http', 'https']")
                if "bearer" in data__config_keys:
                    data__config_keys.remove("bearer")
                    data__config__bearer = data__config["bearer"]
                    if not isinstance(data__config__bearer, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bearer must be object")
                    data__config__bearer_is_dict = isinstance(data__config__bearer, dict)
                    if data__config__bearer_is_dict:
                        data__config__bearer_keys = set(data__config__bearer.keys())
                        for data__config__bearer_key in data__config__bearer_keys:
                            if data__config__bearer_key not in []:
                                data__config__bearer_value = data__config__bearer.get(data__config__bearer_key)
                                if not isinstance(data__config__bearer_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bearer.{data__config__bearer_key}".format(**locals()) + " must be string")
                if "custom-headers" in data__config_keys:
                    data__config_keys.remove("custom-headers")
                    data__config__customheaders = data__config["custom-headers"]
                    if not isinstance(data__config__customheaders, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.custom-headers must be object")
                    data__config__customheaders_is_dict = isinstance(data__config__customheaders, dict)
                    if data__config__customheaders_is_dict:
                        data__config__customheaders_keys = set(data__config__customheaders.keys())
                        for data__config__customheaders_key in data__config__customheaders_keys:
                            if data__config__customheaders_key not in []:
                                data__config__customheaders_value = data__config__customheaders.get(data__config__customheaders_key)
                                if not isinstance(data__config__customheaders_value, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.custom-headers.{data__config__customheaders_key}".format(**locals()) + " must be array")
                                data__config__customheaders_value_is_list = isinstance(data__config__customheaders_value, (list, tuple))
                                if data__config__customheaders_value_is_list:
                                    data__config__customheaders_value_len = len(data__config__customheaders_value)
                                    for data__config__customheaders_value_x, data__config__customheaders_value_item in enumerate(data__config__customheaders_value):
                                        if not isinstance(data__config__customheaders_value_item, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.custom-headers.{data__config__customheaders_key}[{data__config__customheaders_value_x}]".format(**locals()) + " must be string")
                if "forgejo-token" in data__config_keys:
                    data__config_keys.remove("forgejo-token")
                    data__config__forgejotoken = data__config["forgejo-token"]
                    if not isinstance(data__config__forgejotoken, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-token must be object")
                    data__config__forgejotoken_is_dict = isinstance(data__config__forgejotoken, dict)
                    if data__config__forgejotoken_is_dict:
                        data__config__forgejotoken_keys = set(data__config__forgejotoken.keys())
                        for data__config__forgejotoken_key in data__config__forgejotoken_keys:
                            if data__config__forgejotoken_key not in []:
                                data__config__forgejotoken_value = data__config__forgejotoken.get(data__config__forgejotoken_key)
                                if not isinstance(data__config__forgejotoken_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-token.{data__config__forgejotoken_key}".format(**locals()) + " must be object")
                                data__config__forgejotoken_value_is_dict = isinstance(data__config__forgejotoken_value, dict)
                                if data__config__forgejotoken_value_is_dict:
                                    data__config__forgejotoken_value__missing_keys = set(['username', 'token']) - data__config__forgejotoken_value.keys()
                                    if data__config__forgejotoken_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-token.{data__config__forgejotoken_key}".format(**locals()) + " must contain ")
                                    data__config__forgejotoken_value_keys = set(data__config__forgejotoken_value.keys())
                                    if "username" in data__config__forgejotoken_value_keys:
                                        data__config__forgejotoken_value_keys.remove("username")
                                        data__config__forgejotoken_value__username = data__config__forgejotoken_value["username"]
                                        if not isinstance(data__config__forgejotoken_value__username, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-token.{data__config__forgejotoken_key}.username".format(**locals()) + " must be string")
                                    if "token" in data__config__forgejotoken_value_keys:
                                        data__config__forgejotoken_value_keys.remove("token")
                                        data__config__forgejotoken_value__token = data__config__forgejotoken_value["token"]
                                        if not isinstance(data__config__forgejotoken_value__token, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-token.{data__config__forgejotoken_key}.token".format(**locals()) + " must be string")
                if "disable-tls" in data__config_keys:
                    data__config_keys.remove("disable-tls")
                    data__config__disabletls = data__config["disable-tls"]
                    if not isinstance(data__config__disabletls, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.disable-tls must be boolean")
                if "secure-http" in data__config_keys:
                    data__config_keys.remove("secure-http")
                    data__config__securehttp = data__config["secure-http"]
                    if not isinstance(data__config__securehttp, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.secure-http must be boolean")
                if "secure-svn-domains" in data__config_keys:
                    data__config_keys.remove("secure-svn-domains")
                    data__config__securesvndomains = data__config["secure-svn-domains"]
                    if not isinstance(data__config__securesvndomains, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.secure-svn-domains must be array")
                    data__config__securesvndomains_is_list = isinstance(data__config__securesvndomains, (list, tuple))
                    if data__config__securesvndomains_is_list:
                        data__config__securesvndomains_len = len(data__config__securesvndomains)
                        for data__config__securesvndomains_x, data__config__securesvndomains_item in enumerate(data__config__securesvndomains):
                            if not isinstance(data__config__securesvndomains_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.secure-svn-domains[{data__config__securesvndomains_x}]".format(**locals()) + " must be string")
                if "cafile" in data__config_keys:
                    data__config_keys.remove("cafile")
                    data__config__cafile = data__config["cafile"]
                    if not isinstance(data__config__cafile, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cafile must be string")
                if "capath" in data__config_keys:
                    data__config_keys.remove("capath")
                    data__config__capath = data__config["capath"]
                    if not isinstance(data__config__capath, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.capath must be string")
                if "http-basic" in data__config_keys:
                    data__config_keys.remove("http-basic")
                    data__config__httpbasic = data__config["http-basic"]
                    if not isinstance(data__config__httpbasic, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.http-basic must be object")
                    data__config__httpbasic_is_dict = isinstance(data__config__httpbasic, dict)
                    if data__config__httpbasic_is_dict:
                        data__config__httpbasic_keys = set(data__config__httpbasic.keys())
                        for data__config__httpbasic_key in data__config__httpbasic_keys:
                            if data__config__httpbasic_key not in []:
                                data__config__httpbasic_value = data__config__httpbasic.get(data__config__httpbasic_key)
                                if not isinstance(data__config__httpbasic_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.http-basic.{data__config__httpbasic_key}".format(**locals()) + " must be object")
                                data__config__httpbasic_value_is_dict = isinstance(data__config__httpbasic_value, dict)
                                if data__config__httpbasic_value_is_dict:
                                    data__config__httpbasic_value__missing_keys = set(['username', 'password']) - data__config__httpbasic_value.keys()
                                    if data__config__httpbasic_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.http-basic.{data__config__httpbasic_key}".format(**locals()) + " must contain ")
                                    data__config__httpbasic_value_keys = set(data__config__httpbasic_value.keys())
                                    if "username" in data__config__httpbasic_value_keys:
                                        data__config__httpbasic_value_keys.remove("username")
                                        data__config__httpbasic_value__username = data__config__httpbasic_value["username"]
                                        if not isinstance(data__config__httpbasic_value__username, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.http-basic.{data__config__httpbasic_key}.username".format(**locals()) + " must be string")
                                    if "password" in data__config__httpbasic_value_keys:
                                        data__config__httpbasic_value_keys.remove("password")
                                        data__config__httpbasic_value__password = data__config__httpbasic_value["password"]
                                        if not isinstance(data__config__httpbasic_value__password, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.http-basic.{data__config__httpbasic_key}.password".format(**locals()) + " must be string")
                if "client-certificate" in data__config_keys:
                    data__config_keys.remove("client-certificate")
                    data__config__clientcertificate = data__config["client-certificate"]
                    if not isinstance(data__config__clientcertificate, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate must be object")
                    data__config__clientcertificate_is_dict = isinstance(data__config__clientcertificate, dict)
                    if data__config__clientcertificate_is_dict:
                        data__config__clientcertificate_keys = set(data__config__clientcertificate.keys())
                        for data__config__clientcertificate_key in data__config__clientcertificate_keys:
                            if data__config__clientcertificate_key not in []:
                                data__config__clientcertificate_value = data__config__clientcertificate.get(data__config__clientcertificate_key)
                                if not isinstance(data__config__clientcertificate_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate.{data__config__clientcertificate_key}".format(**locals()) + " must be object")
                                data__config__clientcertificate_value_is_dict = isinstance(data__config__clientcertificate_value, dict)
                                if data__config__clientcertificate_value_is_dict:
                                    data__config__clientcertificate_value__missing_keys = set(['local_cert']) - data__config__clientcertificate_value.keys()
                                    if data__config__clientcertificate_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate.{data__config__clientcertificate_key}".format(**locals()) + " must contain ")
                                    data__config__clientcertificate_value_keys = set(data__config__clientcertificate_value.keys())
                                    if "local_cert" in data__config__clientcertificate_value_keys:
                                        data__config__clientcertificate_value_keys.remove("local_cert")
                                        data__config__clientcertificate_value__localcert = data__config__clientcertificate_value["local_cert"]
                                        if not isinstance(data__config__clientcertificate_value__localcert, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate.{data__config__clientcertificate_key}.local_cert".format(**locals()) + " must be string")
                                    if "local_pk" in data__config__clientcertificate_value_keys:
                                        data__config__clientcertificate_value_keys.remove("local_pk")
                                        data__config__clientcertificate_value__localpk = data__config__clientcertificate_value["local_pk"]
                                        if not isinstance(data__config__clientcertificate_value__localpk, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate.{data__config__clientcertificate_key}.local_pk".format(**locals()) + " must be string")
                                    if "passphrase" in data__config__clientcertificate_value_keys:
                                        data__config__clientcertificate_value_keys.remove("passphrase")
                                        data__config__clientcertificate_value__passphrase = data__config__clientcertificate_value["passphrase"]
                                        if not isinstance(data__config__clientcertificate_value__passphrase, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.client-certificate.{data__config__clientcertificate_key}.passphrase".format(**locals()) + " must be string")
                if "store-auths" in data__config_keys:
                    data__config_keys.remove("store-auths")
                    data__config__storeauths = data__config["store-auths"]
                    if not isinstance(data__config__storeauths, (str, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.store-auths must be string or boolean")
                if "vendor-dir" in data__config_keys:
                    data__config_keys.remove("vendor-dir")
                    data__config__vendordir = data__config["vendor-dir"]
                    if not isinstance(data__config__vendordir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.vendor-dir must be string")
                if "bin-dir" in data__config_keys:
                    data__config_keys.remove("bin-dir")
                    data__config__bindir = data__config["bin-dir"]
                    if not isinstance(data__config__bindir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bin-dir must be string")
                if "data-dir" in data__config_keys:
                    data__config_keys.remove("data-dir")
                    data__config__datadir = data__config["data-dir"]
                    if not isinstance(data__config__datadir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.data-dir must be string")
                if "cache-dir" in data__config_keys:
                    data__config_keys.remove("cache-dir")
                    data__config__cachedir = data__config["cache-dir"]
                    if not isinstance(data__config__cachedir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-dir must be string")
                if "cache-files-dir" in data__config_keys:
                    data__config_keys.remove("cache-files-dir")
                    data__config__cachefilesdir = data__config["cache-files-dir"]
                    if not isinstance(data__config__cachefilesdir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-files-dir must be string")
                if "cache-repo-dir" in data__config_keys:
                    data__config_keys.remove("cache-repo-dir")
                    data__config__cacherepodir = data__config["cache-repo-dir"]
                    if not isinstance(data__config__cacherepodir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-repo-dir must be string")
                if "cache-vcs-dir" in data__config_keys:
                    data__config_keys.remove("cache-vcs-dir")
                    data__config__cachevcsdir = data__config["cache-vcs-dir"]
                    if not isinstance(data__config__cachevcsdir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-vcs-dir must be string")
                if "cache-ttl" in data__config_keys:
                    data__config_keys.remove("cache-ttl")
                    data__config__cachettl = data__config["cache-ttl"]
                    if not isinstance(data__config__cachettl, (int)) or isinstance(data__config__cachettl, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-ttl must be integer")
                if "cache-files-ttl" in data__config_keys:
                    data__config_keys.remove("cache-files-ttl")
                    data__config__cachefilesttl = data__config["cache-files-ttl"]
                    if not isinstance(data__config__cachefilesttl, (int)) or isinstance(data__config__cachefilesttl, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-files-ttl must be integer")
                if "cache-files-maxsize" in data__config_keys:
                    data__config_keys.remove("cache-files-maxsize")
                    data__config__cachefilesmaxsize = data__config["cache-files-maxsize"]
                    if not isinstance(data__config__cachefilesmaxsize, (str, int)) or isinstance(data__config__cachefilesmaxsize, bool):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-files-maxsize must be string or integer")
                if "cache-read-only" in data__config_keys:
                    data__config_keys.remove("cache-read-only")
                    data__config__cachereadonly = data__config["cache-read-only"]
                    if not isinstance(data__config__cachereadonly, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.cache-read-only must be boolean")
                if "bin-compat" in data__config_keys:
                    data__config_keys.remove("bin-compat")
                    data__config__bincompat = data__config["bin-compat"]
                    if not (isinstance(data__config__bincompat, str) and data__config__bincompat == 'auto' or isinstance(data__config__bincompat, str) and data__config__bincompat == 'full' or isinstance(data__config__bincompat, str) and data__config__bincompat == 'proxy' or isinstance(data__config__bincompat, str) and data__config__bincompat == 'symlink'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bin-compat must be one of ['auto', 'full', 'proxy', 'symlink']")
                if "discard-changes" in data__config_keys:
                    data__config_keys.remove("discard-changes")
                    data__config__discardchanges = data__config["discard-changes"]
                    if not isinstance(data__config__discardchanges, (str, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.discard-changes must be string or boolean")
                if "autoloader-suffix" in data__config_keys:
                    data__config_keys.remove("autoloader-suffix")
                    data__config__autoloadersuffix = data__config["autoloader-suffix"]
                    if not isinstance(data__config__autoloadersuffix, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.autoloader-suffix must be string")
                if "optimize-autoloader" in data__config_keys:
                    data__config_keys.remove("optimize-autoloader")
                    data__config__optimizeautoloader = data__config["optimize-autoloader"]
                    if not isinstance(data__config__optimizeautoloader, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.optimize-autoloader must be boolean")
                if "prepend-autoloader" in data__config_keys:
                    data__config_keys.remove("prepend-autoloader")
                    data__config__prependautoloader = data__config["prepend-autoloader"]
                    if not isinstance(data__config__prependautoloader, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.prepend-autoloader must be boolean")
                if "classmap-authoritative" in data__config_keys:
                    data__config_keys.remove("classmap-authoritative")
                    data__config__classmapauthoritative = data__config["classmap-authoritative"]
                    if not isinstance(data__config__classmapauthoritative, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.classmap-authoritative must be boolean")
                if "apcu-autoloader" in data__config_keys:
                    data__config_keys.remove("apcu-autoloader")
                    data__config__apcuautoloader = data__config["apcu-autoloader"]
                    if not isinstance(data__config__apcuautoloader, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.apcu-autoloader must be boolean")
                if "github-domains" in data__config_keys:
                    data__config_keys.remove("github-domains")
                    data__config__githubdomains = data__config["github-domains"]
                    if not isinstance(data__config__githubdomains, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-domains must be array")
                    data__config__githubdomains_is_list = isinstance(data__config__githubdomains, (list, tuple))
                    if data__config__githubdomains_is_list:
                        data__config__githubdomains_len = len(data__config__githubdomains)
                        for data__config__githubdomains_x, data__config__githubdomains_item in enumerate(data__config__githubdomains):
                            if not isinstance(data__config__githubdomains_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-domains[{data__config__githubdomains_x}]".format(**locals()) + " must be string")
                if "github-expose-hostname" in data__config_keys:
                    data__config_keys.remove("github-expose-hostname")
                    data__config__githubexposehostname = data__config["github-expose-hostname"]
                    if not isinstance(data__config__githubexposehostname, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.github-expose-hostname must be boolean")
                if "gitlab-domains" in data__config_keys:
                    data__config_keys.remove("gitlab-domains")
                    data__config__gitlabdomains = data__config["gitlab-domains"]
                    if not isinstance(data__config__gitlabdomains, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-domains must be array")
                    data__config__gitlabdomains_is_list = isinstance(data__config__gitlabdomains, (list, tuple))
                    if data__config__gitlabdomains_is_list:
                        data__config__gitlabdomains_len = len(data__config__gitlabdomains)
                        for data__config__gitlabdomains_x, data__config__gitlabdomains_item in enumerate(data__config__gitlabdomains):
                            if not isinstance(data__config__gitlabdomains_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.gitlab-domains[{data__config__gitlabdomains_x}]".format(**locals()) + " must be string")
                if "forgejo-domains" in data__config_keys:
                    data__config_keys.remove("forgejo-domains")
                    data__config__forgejodomains = data__config["forgejo-domains"]
                    if not isinstance(data__config__forgejodomains, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-domains must be array")
                    data__config__forgejodomains_is_list = isinstance(data__config__forgejodomains, (list, tuple))
                    if data__config__forgejodomains_is_list:
                        data__config__forgejodomains_len = len(data__config__forgejodomains)
                        for data__config__forgejodomains_x, data__config__forgejodomains_item in enumerate(data__config__forgejodomains):
                            if not isinstance(data__config__forgejodomains_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.forgejo-domains[{data__config__forgejodomains_x}]".format(**locals()) + " must be string")
                if "bitbucket-oauth" in data__config_keys:
                    data__config_keys.remove("bitbucket-oauth")
                    data__config__bitbucketoauth = data__config["bitbucket-oauth"]
                    if not isinstance(data__config__bitbucketoauth, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth must be object")
                    data__config__bitbucketoauth_is_dict = isinstance(data__config__bitbucketoauth, dict)
                    if data__config__bitbucketoauth_is_dict:
                        data__config__bitbucketoauth_keys = set(data__config__bitbucketoauth.keys())
                        for data__config__bitbucketoauth_key in data__config__bitbucketoauth_keys:
                            if data__config__bitbucketoauth_key not in []:
                                data__config__bitbucketoauth_value = data__config__bitbucketoauth.get(data__config__bitbucketoauth_key)
                                if not isinstance(data__config__bitbucketoauth_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}".format(**locals()) + " must be object")
                                data__config__bitbucketoauth_value_is_dict = isinstance(data__config__bitbucketoauth_value, dict)
                                if data__config__bitbucketoauth_value_is_dict:
                                    data__config__bitbucketoauth_value__missing_keys = set(['consumer-key', 'consumer-secret']) - data__config__bitbucketoauth_value.keys()
                                    if data__config__bitbucketoauth_value__missing_keys:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}".format(**locals()) + " must contain ")
                                    data__config__bitbucketoauth_value_keys = set(data__config__bitbucketoauth_value.keys())
                                    if "consumer-key" in data__config__bitbucketoauth_value_keys:
                                        data__config__bitbucketoauth_value_keys.remove("consumer-key")
                                        data__config__bitbucketoauth_value__consumerkey = data__config__bitbucketoauth_value["consumer-key"]
                                        if not isinstance(data__config__bitbucketoauth_value__consumerkey, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}.consumer-key".format(**locals()) + " must be string")
                                    if "consumer-secret" in data__config__bitbucketoauth_value_keys:
                                        data__config__bitbucketoauth_value_keys.remove("consumer-secret")
                                        data__config__bitbucketoauth_value__consumersecret = data__config__bitbucketoauth_value["consumer-secret"]
                                        if not isinstance(data__config__bitbucketoauth_value__consumersecret, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}.consumer-secret".format(**locals()) + " must be string")
                                    if "access-token" in data__config__bitbucketoauth_value_keys:
                                        data__config__bitbucketoauth_value_keys.remove("access-token")
                                        data__config__bitbucketoauth_value__accesstoken = data__config__bitbucketoauth_value["access-token"]
                                        if not isinstance(data__config__bitbucketoauth_value__accesstoken, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}.access-token".format(**locals()) + " must be string")
                                    if "access-token-expiration" in data__config__bitbucketoauth_value_keys:
                                        data__config__bitbucketoauth_value_keys.remove("access-token-expiration")
                                        data__config__bitbucketoauth_value__accesstokenexpiration = data__config__bitbucketoauth_value["access-token-expiration"]
                                        if not isinstance(data__config__bitbucketoauth_value__accesstokenexpiration, (int)) or isinstance(data__config__bitbucketoauth_value__accesstokenexpiration, bool):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bitbucket-oauth.{data__config__bitbucketoauth_key}.access-token-expiration".format(**locals()) + " must be integer")
                if "use-github-api" in data__config_keys:
                    data__config_keys.remove("use-github-api")
                    data__config__usegithubapi = data__config["use-github-api"]
                    if not isinstance(data__config__usegithubapi, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.use-github-api must be boolean")
                if "archive-format" in data__config_keys:
                    data__config_keys.remove("archive-format")
                    data__config__archiveformat = data__config["archive-format"]
                    if not isinstance(data__config__archiveformat, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.archive-format must be string")
                if "archive-dir" in data__config_keys:
                    data__config_keys.remove("archive-dir")
                    data__config__archivedir = data__config["archive-dir"]
                    if not isinstance(data__config__archivedir, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.archive-dir must be string")
                if "htaccess-protect" in data__config_keys:
                    data__config_keys.remove("htaccess-protect")
                    data__config__htaccessprotect = data__config["htaccess-protect"]
                    if not isinstance(data__config__htaccessprotect, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.htaccess-protect must be boolean")
                if "sort-packages" in data__config_keys:
                    data__config_keys.remove("sort-packages")
                    data__config__sortpackages = data__config["sort-packages"]
                    if not isinstance(data__config__sortpackages, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.sort-packages must be boolean")
                if "lock" in data__config_keys:
                    data__config_keys.remove("lock")
                    data__config__lock = data__config["lock"]
                    if not isinstance(data__config__lock, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.lock must be boolean")
                if "platform-check" in data__config_keys:
                    data__config_keys.remove("platform-check")
                    data__config__platformcheck = data__config["platform-check"]
                    if not isinstance(data__config__platformcheck, (bool, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.platform-check must be boolean or string")
                    if not (isinstance(data__config__platformcheck, str) and data__config__platformcheck == 'php-only' or isinstance(data__config__platformcheck, bool) and data__config__platformcheck is True or isinstance(data__config__platformcheck, bool) and data__config__platformcheck is False):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.platform-check must be one of ['php-only', True, False]")
                if "bump-after-update" in data__config_keys:
                    data__config_keys.remove("bump-after-update")
                    data__config__bumpafterupdate = data__config["bump-after-update"]
                    if not isinstance(data__config__bumpafterupdate, (str, bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bump-after-update must be string or boolean")
                    if not (isinstance(data__config__bumpafterupdate, str) and data__config__bumpafterupdate == 'dev' or isinstance(data__config__bumpafterupdate, str) and data__config__bumpafterupdate == 'no-dev' or isinstance(data__config__bumpafterupdate, bool) and data__config__bumpafterupdate is True or isinstance(data__config__bumpafterupdate, bool) and data__config__bumpafterupdate is False):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.bump-after-update must be one of ['dev', 'no-dev', True, False]")
                if "allow-missing-requirements" in data__config_keys:
                    data__config_keys.remove("allow-missing-requirements")
                    data__config__allowmissingrequirements = data__config["allow-missing-requirements"]
                    if not isinstance(data__config__allowmissingrequirements, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.allow-missing-requirements must be boolean")
                if "update-with-minimal-changes" in data__config_keys:
                    data__config_keys.remove("update-with-minimal-changes")
                    data__config__updatewithminimalchanges = data__config["update-with-minimal-changes"]
                    if not isinstance(data__config__updatewithminimalchanges, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".config.update-with-minimal-changes must be boolean")
        if "extra" in data_keys:
            data_keys.remove("extra")
            data__extra = data["extra"]
            if not isinstance(data__extra, (dict, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".extra must be object or array")
            data__extra_is_dict = isinstance(data__extra, dict)
            if data__extra_is_dict:
                data__extra_keys = set(data__extra.keys())
        if "scripts" in data_keys:
            data_keys.remove("scripts")
            data__scripts = data["scripts"]
            if not isinstance(data__scripts, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts must be object")
            data__scripts_is_dict = isinstance(data__scripts, dict)
            if data__scripts_is_dict:
                data__scripts_keys = set(data__scripts.keys())
                if "pre-install-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("pre-install-cmd")
                    data__scripts__preinstallcmd = data__scripts["pre-install-cmd"]
                    if not isinstance(data__scripts__preinstallcmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-install-cmd must be array or string")
                if "post-install-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("post-install-cmd")
                    data__scripts__postinstallcmd = data__scripts["post-install-cmd"]
                    if not isinstance(data__scripts__postinstallcmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-install-cmd must be array or string")
                if "pre-update-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("pre-update-cmd")
                    data__scripts__preupdatecmd = data__scripts["pre-update-cmd"]
                    if not isinstance(data__scripts__preupdatecmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-update-cmd must be array or string")
                if "post-update-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("post-update-cmd")
                    data__scripts__postupdatecmd = data__scripts["post-update-cmd"]
                    if not isinstance(data__scripts__postupdatecmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-update-cmd must be array or string")
                if "pre-status-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("pre-status-cmd")
                    data__scripts__prestatuscmd = data__scripts["pre-status-cmd"]
                    if not isinstance(data__scripts__prestatuscmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-status-cmd must be array or string")
                if "post-status-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("post-status-cmd")
                    data__scripts__poststatuscmd = data__scripts["post-status-cmd"]
                    if not isinstance(data__scripts__poststatuscmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-status-cmd must be array or string")
                if "pre-package-install" in data__scripts_keys:
                    data__scripts_keys.remove("pre-package-install")
                    data__scripts__prepackageinstall = data__scripts["pre-package-install"]
                    if not isinstance(data__scripts__prepackageinstall, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-package-install must be array or string")
                if "post-package-install" in data__scripts_keys:
                    data__scripts_keys.remove("post-package-install")
                    data__scripts__postpackageinstall = data__scripts["post-package-install"]
                    if not isinstance(data__scripts__postpackageinstall, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-package-install must be array or string")
                if "pre-package-update" in data__scripts_keys:
                    data__scripts_keys.remove("pre-package-update")
                    data__scripts__prepackageupdate = data__scripts["pre-package-update"]
                    if not isinstance(data__scripts__prepackageupdate, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-package-update must be array or string")
                if "post-package-update" in data__scripts_keys:
                    data__scripts_keys.remove("post-package-update")
                    data__scripts__postpackageupdate = data__scripts["post-package-update"]
                    if not isinstance(data__scripts__postpackageupdate, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-package-update must be array or string")
                if "pre-package-uninstall" in data__scripts_keys:
                    data__scripts_keys.remove("pre-package-uninstall")
                    data__scripts__prepackageuninstall = data__scripts["pre-package-uninstall"]
                    if not isinstance(data__scripts__prepackageuninstall, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-package-uninstall must be array or string")
                if "post-package-uninstall" in data__scripts_keys:
                    data__scripts_keys.remove("post-package-uninstall")
                    data__scripts__postpackageuninstall = data__scripts["post-package-uninstall"]
                    if not isinstance(data__scripts__postpackageuninstall, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-package-uninstall must be array or string")
                if "pre-autoload-dump" in data__scripts_keys:
                    data__scripts_keys.remove("pre-autoload-dump")
                    data__scripts__preautoloaddump = data__scripts["pre-autoload-dump"]
                    if not isinstance(data__scripts__preautoloaddump, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.pre-autoload-dump must be array or string")
                if "post-autoload-dump" in data__scripts_keys:
                    data__scripts_keys.remove("post-autoload-dump")
                    data__scripts__postautoloaddump = data__scripts["post-autoload-dump"]
                    if not isinstance(data__scripts__postautoloaddump, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-autoload-dump must be array or string")
                if "post-root-package-install" in data__scripts_keys:
                    data__scripts_keys.remove("post-root-package-install")
                    data__scripts__postrootpackageinstall = data__scripts["post-root-package-install"]
                    if not isinstance(data__scripts__postrootpackageinstall, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-root-package-install must be array or string")
                if "post-create-project-cmd" in data__scripts_keys:
                    data__scripts_keys.remove("post-create-project-cmd")
                    data__scripts__postcreateprojectcmd = data__scripts["post-create-project-cmd"]
                    if not isinstance(data__scripts__postcreateprojectcmd, (list, tuple, str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts.post-create-project-cmd must be array or string")
        if "scripts-descriptions" in data_keys:
            data_keys.remove("scripts-descriptions")
            data__scriptsdescriptions = data["scripts-descriptions"]
            if not isinstance(data__scriptsdescriptions, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts-descriptions must be object")
            data__scriptsdescriptions_is_dict = isinstance(data__scriptsdescriptions, dict)
            if data__scriptsdescriptions_is_dict:
                data__scriptsdescriptions_keys = set(data__scriptsdescriptions.keys())
                for data__scriptsdescriptions_key in data__scriptsdescriptions_keys:
                    if data__scriptsdescriptions_key not in []:
                        data__scriptsdescriptions_value = data__scriptsdescriptions.get(data__scriptsdescriptions_key)
                        if not isinstance(data__scriptsdescriptions_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts-descriptions.{data__scriptsdescriptions_key}".format(**locals()) + " must be string")
        if "scripts-aliases" in data_keys:
            data_keys.remove("scripts-aliases")
            data__scriptsaliases = data["scripts-aliases"]
            if not isinstance(data__scriptsaliases, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts-aliases must be object")
            data__scriptsaliases_is_dict = isinstance(data__scriptsaliases, dict)
            if data__scriptsaliases_is_dict:
                data__scriptsaliases_keys = set(data__scriptsaliases.keys())
                for data__scriptsaliases_key in data__scriptsaliases_keys:
                    if data__scriptsaliases_key not in []:
                        data__scriptsaliases_value = data__scriptsaliases.get(data__scriptsaliases_key)
                        if not isinstance(data__scriptsaliases_value, (list, tuple)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".scripts-aliases.{data__scriptsaliases_key}".format(**locals()) + " must be array")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore_severity(data, custom_formats={}, name_prefix=None):
    data_any_of_count15 = 0
    if not data_any_of_count15:
        try:
            data_any_of_count16 = 0
            if not data_any_of_count16:
                try:
                    if not isinstance(data, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
                    data_is_list = isinstance(data, (list, tuple))
                    if data_is_list:
                        data_len = len(data)
                        for data_x, data_item in enumerate(data):
                            if not isinstance(data_item, (str)):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
                            if not (isinstance(data_item, str) and data_item == 'low' or isinstance(data_item, str) and data_item == 'medium' or isinstance(data_item, str) and data_item == 'high' or isinstance(data_item, str) and data_item == 'critical'):
                                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be one of ['low', 'medium', 'high', 'critical']")
                    data_any_of_count16 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count16:
                try:
                    if not isinstance(data, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data_keys = set(data.keys())
                        for data_key in data_keys:
                            if data_key not in []:
                                data_value = data.get(data_key)
                                data_value_any_of_count17 = 0
                                if not data_value_any_of_count17:
                                    try:
                                        if not isinstance(data_value, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be string")
                                        data_value_any_of_count17 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if not data_value_any_of_count17:
                                    try:
                                        if not isinstance(data_value, (NoneType)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be null")
                                        data_value_any_of_count17 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if not data_value_any_of_count17:
                                    try:
                                        if not isinstance(data_value, (dict)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be object")
                                        data_value_is_dict = isinstance(data_value, dict)
                                        if data_value_is_dict:
                                            data_value_keys = set(data_value.keys())
                                            if "reason" in data_value_keys:
                                                data_value_keys.remove("reason")
                                                data_value__reason = data_value["reason"]
                                                if not isinstance(data_value__reason, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.reason".format(**locals()) + " must be string")
                                            if "on-block" in data_value_keys:
                                                data_value_keys.remove("on-block")
                                                data_value__onblock = data_value["on-block"]
                                                if not isinstance(data_value__onblock, (bool)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-block".format(**locals()) + " must be boolean")
                                            if "on-audit" in data_value_keys:
                                                data_value_keys.remove("on-audit")
                                                data_value__onaudit = data_value["on-audit"]
                                                if not isinstance(data_value__onaudit, (bool)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-audit".format(**locals()) + " must be boolean")
                                        data_value_any_of_count17 += 1
                                    except (JsonSchemaValueException, JsonSchemaValuesException): pass
                                if not data_value_any_of_count17:
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " cannot be validated by any definition")
                    data_any_of_count16 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if not data_any_of_count16:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
            data_any_of_count15 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count15:
        try:
            if not isinstance(data, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
            data_is_list = isinstance(data, (list, tuple))
            if data_is_list:
                data_len = len(data)
                for data_x, data_item in enumerate(data):
                    if not isinstance(data_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            data_any_of_count15 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count15:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore(data, custom_formats={}, name_prefix=None):
    data_any_of_count18 = 0
    if not data_any_of_count18:
        try:
            if not isinstance(data, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
            data_is_list = isinstance(data, (list, tuple))
            if data_is_list:
                data_len = len(data)
                for data_x, data_item in enumerate(data):
                    if not isinstance(data_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            data_any_of_count18 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count18:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data_keys = set(data.keys())
                for data_key in data_keys:
                    if data_key not in []:
                        data_value = data.get(data_key)
                        data_value_any_of_count19 = 0
                        if not data_value_any_of_count19:
                            try:
                                if not isinstance(data_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be string")
                                data_value_any_of_count19 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count19:
                            try:
                                if not isinstance(data_value, (NoneType)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be null")
                                data_value_any_of_count19 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count19:
                            try:
                                if not isinstance(data_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be object")
                                data_value_is_dict = isinstance(data_value, dict)
                                if data_value_is_dict:
                                    data_value_keys = set(data_value.keys())
                                    if "constraint" in data_value_keys:
                                        data_value_keys.remove("constraint")
                                        data_value__constraint = data_value["constraint"]
                                        if not isinstance(data_value__constraint, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.constraint".format(**locals()) + " must be string")
                                    if "reason" in data_value_keys:
                                        data_value_keys.remove("reason")
                                        data_value__reason = data_value["reason"]
                                        if not isinstance(data_value__reason, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.reason".format(**locals()) + " must be string")
                                    if "on-block" in data_value_keys:
                                        data_value_keys.remove("on-block")
                                        data_value__onblock = data_value["on-block"]
                                        if not isinstance(data_value__onblock, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-block".format(**locals()) + " must be boolean")
                                    if "on-audit" in data_value_keys:
                                        data_value_keys.remove("on-audit")
                                        data_value__onaudit = data_value["on-audit"]
                                        if not isinstance(data_value__onaudit, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-audit".format(**locals()) + " must be boolean")
                                data_value_any_of_count19 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count19:
                            try:
                                if not isinstance(data_value, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be array")
                                data_value_is_list = isinstance(data_value, (list, tuple))
                                if data_value_is_list:
                                    data_value_len = len(data_value)
                                    for data_value_x, data_value_item in enumerate(data_value):
                                        if not isinstance(data_value_item, (dict)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}[{data_value_x}]".format(**locals()) + " must be object")
                                        data_value_item_is_dict = isinstance(data_value_item, dict)
                                        if data_value_item_is_dict:
                                            data_value_item_keys = set(data_value_item.keys())
                                            if "constraint" in data_value_item_keys:
                                                data_value_item_keys.remove("constraint")
                                                data_value_item__constraint = data_value_item["constraint"]
                                                if not isinstance(data_value_item__constraint, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}[{data_value_x}].constraint".format(**locals()) + " must be string")
                                            if "reason" in data_value_item_keys:
                                                data_value_item_keys.remove("reason")
                                                data_value_item__reason = data_value_item["reason"]
                                                if not isinstance(data_value_item__reason, (str)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}[{data_value_x}].reason".format(**locals()) + " must be string")
                                            if "on-block" in data_value_item_keys:
                                                data_value_item_keys.remove("on-block")
                                                data_value_item__onblock = data_value_item["on-block"]
                                                if not isinstance(data_value_item__onblock, (bool)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}[{data_value_x}].on-block".format(**locals()) + " must be boolean")
                                            if "on-audit" in data_value_item_keys:
                                                data_value_item_keys.remove("on-audit")
                                                data_value_item__onaudit = data_value_item["on-audit"]
                                                if not isinstance(data_value_item__onaudit, (bool)):
                                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}[{data_value_x}].on-audit".format(**locals()) + " must be boolean")
                                data_value_any_of_count19 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count19:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " cannot be validated by any definition")
            data_any_of_count18 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count18:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_policy_ignore_id(data, custom_formats={}, name_prefix=None):
    data_any_of_count20 = 0
    if not data_any_of_count20:
        try:
            if not isinstance(data, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
            data_is_list = isinstance(data, (list, tuple))
            if data_is_list:
                data_len = len(data)
                for data_x, data_item in enumerate(data):
                    if not isinstance(data_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be string")
            data_any_of_count20 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count20:
        try:
            if not isinstance(data, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data_keys = set(data.keys())
                for data_key in data_keys:
                    if data_key not in []:
                        data_value = data.get(data_key)
                        data_value_any_of_count21 = 0
                        if not data_value_any_of_count21:
                            try:
                                if not isinstance(data_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be string")
                                data_value_any_of_count21 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count21:
                            try:
                                if not isinstance(data_value, (NoneType)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be null")
                                data_value_any_of_count21 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count21:
                            try:
                                if not isinstance(data_value, (dict)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " must be object")
                                data_value_is_dict = isinstance(data_value, dict)
                                if data_value_is_dict:
                                    data_value_keys = set(data_value.keys())
                                    if "reason" in data_value_keys:
                                        data_value_keys.remove("reason")
                                        data_value__reason = data_value["reason"]
                                        if not isinstance(data_value__reason, (str)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.reason".format(**locals()) + " must be string")
                                    if "on-block" in data_value_keys:
                                        data_value_keys.remove("on-block")
                                        data_value__onblock = data_value["on-block"]
                                        if not isinstance(data_value__onblock, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-block".format(**locals()) + " must be boolean")
                                    if "on-audit" in data_value_keys:
                                        data_value_keys.remove("on-audit")
                                        data_value__onaudit = data_value["on-audit"]
                                        if not isinstance(data_value__onaudit, (bool)):
                                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}.on-audit".format(**locals()) + " must be boolean")
                                data_value_any_of_count21 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException): pass
                        if not data_value_any_of_count21:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".{data_key}".format(**locals()) + " cannot be validated by any definition")
            data_any_of_count20 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count20:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_autoload(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "psr-0" in data_keys:
            data_keys.remove("psr-0")
            data__psr0 = data["psr-0"]
            if not isinstance(data__psr0, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-0 must be object")
            data__psr0_is_dict = isinstance(data__psr0, dict)
            if data__psr0_is_dict:
                data__psr0_keys = set(data__psr0.keys())
                for data__psr0_key in data__psr0_keys:
                    if data__psr0_key not in []:
                        data__psr0_value = data__psr0.get(data__psr0_key)
                        if not isinstance(data__psr0_value, (str, list, tuple)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-0.{data__psr0_key}".format(**locals()) + " must be string or array")
                        data__psr0_value_is_list = isinstance(data__psr0_value, (list, tuple))
                        if data__psr0_value_is_list:
                            data__psr0_value_len = len(data__psr0_value)
                            for data__psr0_value_x, data__psr0_value_item in enumerate(data__psr0_value):
                                if not isinstance(data__psr0_value_item, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-0.{data__psr0_key}[{data__psr0_value_x}]".format(**locals()) + " must be string")
        if "psr-4" in data_keys:
            data_keys.remove("psr-4")
            data__psr4 = data["psr-4"]
            if not isinstance(data__psr4, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-4 must be object")
            data__psr4_is_dict = isinstance(data__psr4, dict)
            if data__psr4_is_dict:
                data__psr4_keys = set(data__psr4.keys())
                for data__psr4_key in data__psr4_keys:
                    if data__psr4_key not in []:
                        data__psr4_value = data__psr4.get(data__psr4_key)
                        if not isinstance(data__psr4_value, (str, list, tuple)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-4.{data__psr4_key}".format(**locals()) + " must be string or array")
                        data__psr4_value_is_list = isinstance(data__psr4_value, (list, tuple))
                        if data__psr4_value_is_list:
                            data__psr4_value_len = len(data__psr4_value)
                            for data__psr4_value_x, data__psr4_value_item in enumerate(data__psr4_value):
                                if not isinstance(data__psr4_value_item, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".psr-4.{data__psr4_key}[{data__psr4_value_x}]".format(**locals()) + " must be string")
        if "classmap" in data_keys:
            data_keys.remove("classmap")
            data__classmap = data["classmap"]
            if not isinstance(data__classmap, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".classmap must be array")
        if "files" in data_keys:
            data_keys.remove("files")
            data__files = data["files"]
            if not isinstance(data__files, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".files must be array")
        if "exclude-from-classmap" in data_keys:
            data_keys.remove("exclude-from-classmap")
            data__excludefromclassmap = data["exclude-from-classmap"]
            if not isinstance(data__excludefromclassmap, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude-from-classmap must be array")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_anonymous_repository(data, custom_formats={}, name_prefix=None):
    validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_repository(data, custom_formats, (name_prefix or "data") + "")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['name']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
    except (JsonSchemaValueException, JsonSchemaValuesException): pass
    else:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must NOT match a disallowed definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_any_of_count22 = 0
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_composer_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_vcs_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_path_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_artifact_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_pear_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        try:
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_package_repository(data, custom_formats, (name_prefix or "data") + "")
            data_any_of_count22 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException): pass
    if not data_any_of_count22:
        raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_package_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'package']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'package'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['package']")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
        if "package" in data_keys:
            data_keys.remove("package")
            data__package = data["package"]
            data__package_one_of_count23 = 0
            if data__package_one_of_count23 < 2:
                try:
                    validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_inline_package(data__package, custom_formats, (name_prefix or "data") + ".package")
                    data__package_one_of_count23 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__package_one_of_count23 < 2:
                try:
                    if not isinstance(data__package, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".package must be array")
                    data__package_is_list = isinstance(data__package, (list, tuple))
                    if data__package_is_list:
                        data__package_len = len(data__package)
                        for data__package_x, data__package_item in enumerate(data__package):
                            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_inline_package(data__package_item, custom_formats, (name_prefix or "data") + ".package[{data__package_x}]".format(**locals()))
                    data__package_one_of_count23 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException): pass
            if data__package_one_of_count23 != 1:
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".package must be valid exactly by one definition")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_inline_package(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name', 'version']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
        if "target-dir" in data_keys:
            data_keys.remove("target-dir")
            data__targetdir = data["target-dir"]
            if not isinstance(data__targetdir, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".target-dir must be string")
        if "description" in data_keys:
            data_keys.remove("description")
            data__description = data["description"]
            if not isinstance(data__description, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".description must be string")
        if "keywords" in data_keys:
            data_keys.remove("keywords")
            data__keywords = data["keywords"]
            if not isinstance(data__keywords, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".keywords must be array")
            data__keywords_is_list = isinstance(data__keywords, (list, tuple))
            if data__keywords_is_list:
                data__keywords_len = len(data__keywords)
                for data__keywords_x, data__keywords_item in enumerate(data__keywords):
                    if not isinstance(data__keywords_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".keywords[{data__keywords_x}]".format(**locals()) + " must be string")
        if "homepage" in data_keys:
            data_keys.remove("homepage")
            data__homepage = data["homepage"]
            if not isinstance(data__homepage, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".homepage must be string")
        if "version" in data_keys:
            data_keys.remove("version")
            data__version = data["version"]
            if not isinstance(data__version, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".version must be string")
        if "time" in data_keys:
            data_keys.remove("time")
            data__time = data["time"]
            if not isinstance(data__time, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".time must be string")
        if "license" in data_keys:
            data_keys.remove("license")
            data__license = data["license"]
            if not isinstance(data__license, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".license must be string or array")
        if "authors" in data_keys:
            data_keys.remove("authors")
            data__authors = data["authors"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_authors(data__authors, custom_formats, (name_prefix or "data") + ".authors")
        if "require" in data_keys:
            data_keys.remove("require")
            data__require = data["require"]
            if not isinstance(data__require, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".require must be object")
            data__require_is_dict = isinstance(data__require, dict)
            if data__require_is_dict:
                data__require_keys = set(data__require.keys())
                for data__require_key in data__require_keys:
                    if data__require_key not in []:
                        data__require_value = data__require.get(data__require_key)
                        if not isinstance(data__require_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".require.{data__require_key}".format(**locals()) + " must be string")
        if "replace" in data_keys:
            data_keys.remove("replace")
            data__replace = data["replace"]
            if not isinstance(data__replace, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".replace must be object")
            data__replace_is_dict = isinstance(data__replace, dict)
            if data__replace_is_dict:
                data__replace_keys = set(data__replace.keys())
                for data__replace_key in data__replace_keys:
                    if data__replace_key not in []:
                        data__replace_value = data__replace.get(data__replace_key)
                        if not isinstance(data__replace_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".replace.{data__replace_key}".format(**locals()) + " must be string")
        if "conflict" in data_keys:
            data_keys.remove("conflict")
            data__conflict = data["conflict"]
            if not isinstance(data__conflict, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".conflict must be object")
            data__conflict_is_dict = isinstance(data__conflict, dict)
            if data__conflict_is_dict:
                data__conflict_keys = set(data__conflict.keys())
                for data__conflict_key in data__conflict_keys:
                    if data__conflict_key not in []:
                        data__conflict_value = data__conflict.get(data__conflict_key)
                        if not isinstance(data__conflict_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".conflict.{data__conflict_key}".format(**locals()) + " must be string")
        if "provide" in data_keys:
            data_keys.remove("provide")
            data__provide = data["provide"]
            if not isinstance(data__provide, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".provide must be object")
            data__provide_is_dict = isinstance(data__provide, dict)
            if data__provide_is_dict:
                data__provide_keys = set(data__provide.keys())
                for data__provide_key in data__provide_keys:
                    if data__provide_key not in []:
                        data__provide_value = data__provide.get(data__provide_key)
                        if not isinstance(data__provide_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".provide.{data__provide_key}".format(**locals()) + " must be string")
        if "require-dev" in data_keys:
            data_keys.remove("require-dev")
            data__requiredev = data["require-dev"]
            if not isinstance(data__requiredev, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".require-dev must be object")
            data__requiredev_is_dict = isinstance(data__requiredev, dict)
            if data__requiredev_is_dict:
                data__requiredev_keys = set(data__requiredev.keys())
                for data__requiredev_key in data__requiredev_keys:
                    if data__requiredev_key not in []:
                        data__requiredev_value = data__requiredev.get(data__requiredev_key)
                        if not isinstance(data__requiredev_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".require-dev.{data__requiredev_key}".format(**locals()) + " must be string")
        if "suggest" in data_keys:
            data_keys.remove("suggest")
            data__suggest = data["suggest"]
            if not isinstance(data__suggest, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".suggest must be object")
            data__suggest_is_dict = isinstance(data__suggest, dict)
            if data__suggest_is_dict:
                data__suggest_keys = set(data__suggest.keys())
                for data__suggest_key in data__suggest_keys:
                    if data__suggest_key not in []:
                        data__suggest_value = data__suggest.get(data__suggest_key)
                        if not isinstance(data__suggest_value, (str)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".suggest.{data__suggest_key}".format(**locals()) + " must be string")
        if "extra" in data_keys:
            data_keys.remove("extra")
            data__extra = data["extra"]
            if not isinstance(data__extra, (dict, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".extra must be object or array")
            data__extra_is_dict = isinstance(data__extra, dict)
            if data__extra_is_dict:
                data__extra_keys = set(data__extra.keys())
        if "autoload" in data_keys:
            data_keys.remove("autoload")
            data__autoload = data["autoload"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_autoload(data__autoload, custom_formats, (name_prefix or "data") + ".autoload")
        if "archive" in data_keys:
            data_keys.remove("archive")
            data__archive = data["archive"]
            if not isinstance(data__archive, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".archive must be object")
            data__archive_is_dict = isinstance(data__archive, dict)
            if data__archive_is_dict:
                data__archive_keys = set(data__archive.keys())
                if "exclude" in data__archive_keys:
                    data__archive_keys.remove("exclude")
                    data__archive__exclude = data__archive["exclude"]
                    if not isinstance(data__archive__exclude, (list, tuple)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".archive.exclude must be array")
        if "bin" in data_keys:
            data_keys.remove("bin")
            data__bin = data["bin"]
            if not isinstance(data__bin, (str, list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".bin must be string or array")
            data__bin_is_list = isinstance(data__bin, (list, tuple))
            if data__bin_is_list:
                data__bin_len = len(data__bin)
                for data__bin_x, data__bin_item in enumerate(data__bin):
                    if not isinstance(data__bin_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".bin[{data__bin_x}]".format(**locals()) + " must be string")
        if "include-path" in data_keys:
            data_keys.remove("include-path")
            data__includepath = data["include-path"]
            if not isinstance(data__includepath, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".include-path must be array")
            data__includepath_is_list = isinstance(data__includepath, (list, tuple))
            if data__includepath_is_list:
                data__includepath_len = len(data__includepath)
                for data__includepath_x, data__includepath_item in enumerate(data__includepath):
                    if not isinstance(data__includepath_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".include-path[{data__includepath_x}]".format(**locals()) + " must be string")
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_source(data__source, custom_formats, (name_prefix or "data") + ".source")
        if "dist" in data_keys:
            data_keys.remove("dist")
            data__dist = data["dist"]
            validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_dist(data__dist, custom_formats, (name_prefix or "data") + ".dist")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_pear_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'pear'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['pear']")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
        if "vendor-alias" in data_keys:
            data_keys.remove("vendor-alias")
            data__vendoralias = data["vendor-alias"]
            if not isinstance(data__vendoralias, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".vendor-alias must be string")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_artifact_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'artifact'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['artifact']")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_path_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'path'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['path']")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
        if "options" in data_keys:
            data_keys.remove("options")
            data__options = data["options"]
            if not isinstance(data__options, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must be object")
            data__options_is_dict = isinstance(data__options, dict)
            if data__options_is_dict:
                data__options_keys = set(data__options.keys())
                if "reference" in data__options_keys:
                    data__options_keys.remove("reference")
                    data__options__reference = data__options["reference"]
                    if not isinstance(data__options__reference, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.reference must be string")
                    if not (isinstance(data__options__reference, str) and data__options__reference == 'none' or isinstance(data__options__reference, str) and data__options__reference == 'config' or isinstance(data__options__reference, str) and data__options__reference == 'auto'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.reference must be one of ['none', 'config', 'auto']")
                if "symlink" in data__options_keys:
                    data__options_keys.remove("symlink")
                    data__options__symlink = data__options["symlink"]
                    if not isinstance(data__options__symlink, (bool, NoneType)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.symlink must be boolean or null")
                if "relative" in data__options_keys:
                    data__options_keys.remove("relative")
                    data__options__relative = data__options["relative"]
                    if not isinstance(data__options__relative, (bool)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.relative must be boolean")
                if "versions" in data__options_keys:
                    data__options_keys.remove("versions")
                    data__options__versions = data__options["versions"]
                    if not isinstance(data__options__versions, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.versions must be object")
                    data__options__versions_is_dict = isinstance(data__options__versions, dict)
                    if data__options__versions_is_dict:
                        data__options__versions_keys = set(data__options__versions.keys())
                        for data__options__versions_key in data__options__versions_keys:
                            if data__options__versions_key not in []:
                                data__options__versions_value = data__options__versions.get(data__options__versions_key)
                                if not isinstance(data__options__versions_value, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options.versions.{data__options__versions_key}".format(**locals()) + " must be string")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_vcs_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'vcs' or isinstance(data__type, str) and data__type == 'github' or isinstance(data__type, str) and data__type == 'git' or isinstance(data__type, str) and data__type == 'gitlab' or isinstance(data__type, str) and data__type == 'bitbucket' or isinstance(data__type, str) and data__type == 'git-bitbucket' or isinstance(data__type, str) and data__type == 'hg' or isinstance(data__type, str) and data__type == 'fossil' or isinstance(data__type, str) and data__type == 'perforce' or isinstance(data__type, str) and data__type == 'svn' or isinstance(data__type, str) and data__type == 'forgejo'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['vcs', 'github', 'git', 'gitlab', 'bitbucket', 'git-bitbucket', 'hg', 'fossil', 'perforce', 'svn', 'forgejo']")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
        if "no-api" in data_keys:
            data_keys.remove("no-api")
            data__noapi = data["no-api"]
            if not isinstance(data__noapi, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".no-api must be boolean")
        if "secure-http" in data_keys:
            data_keys.remove("secure-http")
            data__securehttp = data["secure-http"]
            if not isinstance(data__securehttp, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".secure-http must be boolean")
        if "svn-cache-credentials" in data_keys:
            data_keys.remove("svn-cache-credentials")
            data__svncachecredentials = data["svn-cache-credentials"]
            if not isinstance(data__svncachecredentials, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".svn-cache-credentials must be boolean")
        if "trunk-path" in data_keys:
            data_keys.remove("trunk-path")
            data__trunkpath = data["trunk-path"]
            if not isinstance(data__trunkpath, (str, bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".trunk-path must be string or boolean")
        if "branches-path" in data_keys:
            data_keys.remove("branches-path")
            data__branchespath = data["branches-path"]
            if not isinstance(data__branchespath, (str, bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".branches-path must be string or boolean")
        if "tags-path" in data_keys:
            data_keys.remove("tags-path")
            data__tagspath = data["tags-path"]
            if not isinstance(data__tagspath, (str, bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".tags-path must be string or boolean")
        if "package-path" in data_keys:
            data_keys.remove("package-path")
            data__packagepath = data["package-path"]
            if not isinstance(data__packagepath, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".package-path must be string")
        if "depot" in data_keys:
            data_keys.remove("depot")
            data__depot = data["depot"]
            if not isinstance(data__depot, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".depot must be string")
        if "branch" in data_keys:
            data_keys.remove("branch")
            data__branch = data["branch"]
            if not isinstance(data__branch, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".branch must be string")
        if "unique_perforce_client_name" in data_keys:
            data_keys.remove("unique_perforce_client_name")
            data__uniqueperforceclientname = data["unique_perforce_client_name"]
            if not isinstance(data__uniqueperforceclientname, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unique_perforce_client_name must be string")
        if "p4user" in data_keys:
            data_keys.remove("p4user")
            data__p4user = data["p4user"]
            if not isinstance(data__p4user, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p4user must be string")
        if "p4password" in data_keys:
            data_keys.remove("p4password")
            data__p4password = data["p4password"]
            if not isinstance(data__p4password, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".p4password must be string")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_composer_repository(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "name" in data_keys:
            data_keys.remove("name")
            data__name = data["name"]
            if not isinstance(data__name, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".name must be string")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
            if not (isinstance(data__type, str) and data__type == 'composer'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['composer']")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "canonical" in data_keys:
            data_keys.remove("canonical")
            data__canonical = data["canonical"]
            if not isinstance(data__canonical, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".canonical must be boolean")
        if "only" in data_keys:
            data_keys.remove("only")
            data__only = data["only"]
            if not isinstance(data__only, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".only must be array")
            data__only_is_list = isinstance(data__only, (list, tuple))
            if data__only_is_list:
                data__only_len = len(data__only)
                for data__only_x, data__only_item in enumerate(data__only):
                    if not isinstance(data__only_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".only[{data__only_x}]".format(**locals()) + " must be string")
        if "exclude" in data_keys:
            data_keys.remove("exclude")
            data__exclude = data["exclude"]
            if not isinstance(data__exclude, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude must be array")
            data__exclude_is_list = isinstance(data__exclude, (list, tuple))
            if data__exclude_is_list:
                data__exclude_len = len(data__exclude)
                for data__exclude_x, data__exclude_item in enumerate(data__exclude):
                    if not isinstance(data__exclude_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".exclude[{data__exclude_x}]".format(**locals()) + " must be string")
        if "options" in data_keys:
            data_keys.remove("options")
            data__options = data["options"]
            if not isinstance(data__options, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must be object")
            data__options_is_dict = isinstance(data__options, dict)
            if data__options_is_dict:
                data__options_keys = set(data__options.keys())
        if "allow_ssl_downgrade" in data_keys:
            data_keys.remove("allow_ssl_downgrade")
            data__allowssldowngrade = data["allow_ssl_downgrade"]
            if not isinstance(data__allowssldowngrade, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".allow_ssl_downgrade must be boolean")
        if "force-lazy-providers" in data_keys:
            data_keys.remove("force-lazy-providers")
            data__forcelazyproviders = data["force-lazy-providers"]
            if not isinstance(data__forcelazyproviders, (bool)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".force-lazy-providers must be boolean")
        if "filter" in data_keys:
            data_keys.remove("filter")
            data__filter = data["filter"]
            if not isinstance(data__filter, (bool, dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".filter must be boolean or object")
            data__filter_is_dict = isinstance(data__filter, dict)
            if data__filter_is_dict:
                data__filter_keys = set(data__filter.keys())
                for data__filter_key in data__filter_keys:
                    if data__filter_key not in []:
                        data__filter_value = data__filter.get(data__filter_key)
                        if not isinstance(data__filter_value, (bool)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".filter.{data__filter_key}".format(**locals()) + " must be boolean")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_dist(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "reference" in data_keys:
            data_keys.remove("reference")
            data__reference = data["reference"]
            if not isinstance(data__reference, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reference must be string")
        if "shasum" in data_keys:
            data_keys.remove("shasum")
            data__shasum = data["shasum"]
            if not isinstance(data__shasum, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".shasum must be string")
        if "mirrors" in data_keys:
            data_keys.remove("mirrors")
            data__mirrors = data["mirrors"]
            if not isinstance(data__mirrors, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".mirrors must be array")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_source(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['type', 'url', 'reference']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not isinstance(data__type, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be string")
        if "url" in data_keys:
            data_keys.remove("url")
            data__url = data["url"]
            if not isinstance(data__url, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".url must be string")
        if "reference" in data_keys:
            data_keys.remove("reference")
            data__reference = data["reference"]
            if not isinstance(data__reference, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".reference must be string")
        if "mirrors" in data_keys:
            data_keys.remove("mirrors")
            data__mirrors = data["mirrors"]
            if not isinstance(data__mirrors, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".mirrors must be array")
    return data

def validate_https___schemas_aegir_invalid_composer_composer_schema_json__definitions_authors(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be array")
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (dict)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must be object")
            data_item_is_dict = isinstance(data_item, dict)
            if data_item_is_dict:
                data_item__missing_keys = set(['name']) - data_item.keys()
                if data_item__missing_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must contain ")
                data_item_keys = set(data_item.keys())
                if "name" in data_item_keys:
                    data_item_keys.remove("name")
                    data_item__name = data_item["name"]
                    if not isinstance(data_item__name, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}].name".format(**locals()) + " must be string")
                if "email" in data_item_keys:
                    data_item_keys.remove("email")
                    data_item__email = data_item["email"]
                    if not isinstance(data_item__email, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}].email".format(**locals()) + " must be string")
                if "homepage" in data_item_keys:
                    data_item_keys.remove("homepage")
                    data_item__homepage = data_item["homepage"]
                    if not isinstance(data_item__homepage, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}].homepage".format(**locals()) + " must be string")
                if "role" in data_item_keys:
                    data_item_keys.remove("role")
                    data_item__role = data_item["role"]
                    if not isinstance(data_item__role, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}].role".format(**locals()) + " must be string")
                if data_item_keys:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + "[{data_x}]".format(**locals()) + " must not contain "+str(data_item_keys)+" properties")
    return data


validate = validate_https___schemas_aegir_invalid_composer_composer_lock_schema_json
