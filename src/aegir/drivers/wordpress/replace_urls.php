<?php
/*
 * Aegir: replace a site's old URL with its new one in every table of its database (after prelude.php).
 *
 * PHP-serialized values are rewritten by walking their text: every string inside gets the new URL
 * and its new length, nested arrays and objects included, and strings that are themselves
 * serialized (double serialization) are walked too. unserialize() is never called, so no object of
 * any class is created (no __wakeup/__destruct runs: serialized data cannot attack this script) and
 * objects of classes this script does not know keep their class and properties exactly.
 * Custom-serialized objects (C:) and enums (E:) are opaque and left as they are.
 *
 * Only whole URLs are replaced: the old host must not go on with a host character, so replacing
 * old.example leaves old.example.org alone. The columns named in "skip" (the posts' guid, which
 * WordPress says must never change) are not touched. Rows are changed in one transaction.
 *
 * AEGIR_WP_PARAMS: {"pairs": [[old, new], ...], "needle": text every old form contains,
 *                   "skip": ["table.column", ...], "home": url, "siteurl": url}
 */

class AegirNotSerialized extends Exception
{
}

/* Replace whole-URL occurrences of each pair's old text in a plain string. */
function aegir_replace_plain($text, $pairs)
{
    foreach ($pairs as $pair) {
        if (strpos($text, $pair[0]) === false) {
            continue;
        }
        $pattern = '~' . preg_quote($pair[0], '~') . '(?![A-Za-z0-9\-]|\.[A-Za-z0-9\-]|:[0-9])~';
        $new = $pair[1];
        $text = preg_replace_callback($pattern, function () use ($new) {
            return $new;
        }, $text);
    }
    return $text;
}

/* A string value: walked when it is itself serialized, else replaced as text. */
function aegir_replace_string($text, $pairs, $depth, &$stats)
{
    $walked = aegir_replace_serialized($text, $pairs, $depth + 1, $stats);
    return $walked === null ? aegir_replace_plain($text, $pairs) : $walked;
}

/* $text rewritten when it is exactly one serialized value (trailing whitespace allowed), else null. */
function aegir_replace_serialized($text, $pairs, $depth, &$stats)
{
    if ($depth > 64 || strlen($text) < 2 || strpos('NbidsSaOCErR', $text[0]) === false
        || ($text[1] !== ':' && $text !== 'N;' && strncmp($text, 'N;', 2) !== 0)) {
        return null;
    }
    $at = 0;
    try {
        $out = aegir_walk($text, $at, $pairs, $depth, $stats, true);
    } catch (AegirNotSerialized $e) {
        return null;
    }
    $rest = substr($text, $at);
    if ($rest !== '' && trim($rest) !== '') {
        return null;
    }
    return $out . $rest;
}

function aegir_expect($text, &$at, $literal)
{
    if (substr_compare($text, $literal, $at, strlen($literal)) !== 0) {
        throw new AegirNotSerialized();
    }
    $at += strlen($literal);
}

function aegir_match($text, &$at, $pattern)
{
    if (!preg_match($pattern, $text, $m, 0, $at)) {
        throw new AegirNotSerialized();
    }
    $at += strlen($m[0]);
    return $m;
}

function aegir_take($text, &$at, $length)
{
    if ($length < 0 || $at + $length > strlen($text)) {
        throw new AegirNotSerialized();
    }
    $part = (string) substr($text, $at, $length);
    $at += $length;
    return $part;
}

/* One serialized value at $at; strings inside are replaced when $replace is true. */
function aegir_walk($text, &$at, $pairs, $depth, &$stats, $replace)
{
    if ($depth > 512) {
        throw new AegirNotSerialized();
    }
    $type = isset($text[$at]) ? $text[$at] : '';
    switch ($type) {
        case 'N':
            aegir_expect($text, $at, 'N;');
            return 'N;';
        case 'b':
            return aegir_match($text, $at, '/\Gb:[01];/')[0];
        case 'i':
            return aegir_match($text, $at, '/\Gi:[+-]?[0-9]+;/')[0];
        case 'd':
            return aegir_match($text, $at, '/\Gd:(?:[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NAN);/')[0];
        case 'r':
        case 'R':
            return aegir_match($text, $at, '/\G[rR]:[0-9]+;/')[0];
        case 's':
            $m = aegir_match($text, $at, '/\Gs:([0-9]+):"/');
            $body = aegir_take($text, $at, (int) $m[1]);
            aegir_expect($text, $at, '";');
            if (!$replace) {
                return 's:' . strlen($body) . ':"' . $body . '";';
            }
            $new = aegir_replace_string($body, $pairs, $depth, $stats);
            if ($new !== $body) {
                $stats['strings']++;
            }
            return 's:' . strlen($new) . ':"' . $new . '";';
        case 'S':
            /* an escaped binary string: its length counts decoded bytes; kept as it is */
            $start = $at;
            $m = aegir_match($text, $at, '/\GS:([0-9]+):"/');
            for ($left = (int) $m[1]; $left > 0; $left--) {
                aegir_take($text, $at, (isset($text[$at]) && $text[$at] === '\\') ? 3 : 1);
            }
            aegir_expect($text, $at, '";');
            return substr($text, $start, $at - $start);
        case 'E':
            $m = aegir_match($text, $at, '/\GE:([0-9]+):"/');
            $body = aegir_take($text, $at, (int) $m[1]);
            aegir_expect($text, $at, '";');
            $stats['opaque']++;
            return 'E:' . strlen($body) . ':"' . $body . '";';
        case 'a':
            $m = aegir_match($text, $at, '/\Ga:([0-9]+):\{/');
            $out = $m[0];
            for ($n = (int) $m[1]; $n > 0; $n--) {
                $out .= aegir_key($text, $at, $stats);
                $out .= aegir_walk($text, $at, $pairs, $depth + 1, $stats, $replace);
            }
            aegir_expect($text, $at, '}');
            return $out . '}';
        case 'O':
            $m = aegir_match($text, $at, '/\GO:([0-9]+):"/');
            $class = aegir_take($text, $at, (int) $m[1]);
            $m = aegir_match($text, $at, '/\G":([0-9]+):\{/');
            $out = 'O:' . strlen($class) . ':"' . $class . '":' . $m[1] . ':{';
            for ($n = (int) $m[1]; $n > 0; $n--) {
                $out .= aegir_key($text, $at, $stats);
                $out .= aegir_walk($text, $at, $pairs, $depth + 1, $stats, $replace);
            }
            aegir_expect($text, $at, '}');
            return $out . '}';
        case 'C':
            $start = $at;
            $m = aegir_match($text, $at, '/\GC:([0-9]+):"/');
            aegir_take($text, $at, (int) $m[1]);
            $m = aegir_match($text, $at, '/\G":([0-9]+):\{/');
            aegir_take($text, $at, (int) $m[1]);
            aegir_expect($text, $at, '}');
            $stats['opaque']++;
            return substr($text, $start, $at - $start);
    }
    throw new AegirNotSerialized();
}

/* An array key or property name: an integer or a string, kept as it is. */
function aegir_key($text, &$at, &$stats)
{
    $type = isset($text[$at]) ? $text[$at] : '';
    if ($type !== 'i' && $type !== 's') {
        throw new AegirNotSerialized();
    }
    $pairs = array();
    return aegir_walk($text, $at, $pairs, 0, $stats, false);
}

/* The new form of a column value: serialized values walked, others replaced as text. */
function aegir_replace_value($value, $pairs, &$stats)
{
    $walked = aegir_replace_serialized($value, $pairs, 0, $stats);
    if ($walked !== null) {
        if ($walked !== $value) {
            $stats['serialized']++;
        }
        return $walked;
    }
    return aegir_replace_plain($value, $pairs);
}

function aegir_connect()
{
    $host = DB_HOST;
    $port = null;
    $socket = null;
    if (preg_match('/^\[([^\]]+)\](?::([0-9]+))?$/', $host, $m)) {
        $host = $m[1];
        $port = isset($m[2]) ? (int) $m[2] : null;
    } elseif (preg_match('/^([^:]*):(.+)$/', $host, $m)) {
        $host = $m[1] === '' ? 'localhost' : $m[1];
        if (ctype_digit($m[2])) {
            $port = (int) $m[2];
        } else {
            $socket = $m[2];
        }
    }
    mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
    try {
        $db = new mysqli($host, DB_USER, DB_PASSWORD, DB_NAME, $port, $socket);
        $db->set_charset(defined('DB_CHARSET') && DB_CHARSET ? DB_CHARSET : 'utf8mb4');
    } catch (mysqli_sql_exception $e) {
        aegir_fail('cannot connect to database ' . DB_NAME . ': ' . $e->getMessage());
    }
    return $db;
}

function aegir_ident($name)
{
    return '`' . str_replace('`', '``', $name) . '`';
}

function aegir_quote($db, $value)
{
    return "'" . $db->real_escape_string($value) . "'";
}

function aegir_replace_database($params)
{
    $pairs = isset($params['pairs']) && is_array($params['pairs']) ? $params['pairs'] : array();
    $needle = isset($params['needle']) ? (string) $params['needle'] : '';
    $skip = isset($params['skip']) && is_array($params['skip']) ? $params['skip'] : array();
    if (!$pairs || $needle === '') {
        aegir_fail('AEGIR_WP_PARAMS needs "pairs" and "needle"');
    }
    $db = aegir_connect();
    $like = "'%" . $db->real_escape_string(addcslashes($needle, '%_\\')) . "%'";
    $stats = array('rows' => 0, 'values' => 0, 'serialized' => 0, 'strings' => 0, 'opaque' => 0, 'tables' => 0);
    $warnings = array();
    try {
        $db->begin_transaction();
        $tables = $db->query("SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")->fetch_all();
        foreach ($tables as $row) {
            $table = $row[0];
            $columns = array();
            $keys = array();
            foreach ($db->query('SHOW COLUMNS FROM ' . aegir_ident($table))->fetch_all(MYSQLI_ASSOC) as $col) {
                if (preg_match('/^(?:(?:var)?char|(?:tiny|medium|long)?text|json)\b/i', $col['Type'])
                    && !in_array($table . '.' . $col['Field'], $skip, true)) {
                    $columns[] = $col['Field'];
                }
            }
            foreach ($db->query('SHOW KEYS FROM ' . aegir_ident($table) . " WHERE Key_name = 'PRIMARY'")->fetch_all(MYSQLI_ASSOC) as $key) {
                $keys[(int) $key['Seq_in_index']] = $key['Column_name'];
            }
            ksort($keys);
            $keys = array_values($keys);
            if (!$columns) {
                continue;
            }
            $where = '(' . implode(' OR ', array_map(function ($c) use ($like) {
                return aegir_ident($c) . ' LIKE ' . $like;
            }, $columns)) . ')';
            if (!$keys) {
                $count = (int) $db->query('SELECT COUNT(*) FROM ' . aegir_ident($table) . ' WHERE ' . $where)->fetch_row()[0];
                if ($count) {
                    $warnings[] = "table $table has no primary key: $count row(s) with the old URL left as they are";
                }
                continue;
            }
            $stats['tables']++;
            aegir_replace_table($db, $table, $keys, $columns, $where, $pairs, $stats);
        }
        if (isset($params['home'], $params['siteurl'], $params['options_table'])) {
            $options = aegir_ident($params['options_table']);
            foreach (array('home', 'siteurl') as $name) {
                $db->query("UPDATE $options SET option_value = " . aegir_quote($db, $params[$name])
                    . ' WHERE option_name = ' . aegir_quote($db, $name));
            }
        }
        $db->commit();
    } catch (mysqli_sql_exception $e) {
        $db->rollback();
        aegir_fail('URL replacement failed and was rolled back: ' . $e->getMessage());
    }
    foreach ($warnings as $warning) {
        aegir_stderr("aegir: warning: $warning\n");
    }
    printf(
        "replaced the old URL in %d value(s) of %d row(s) (%d serialized, %d strings inside them; %d opaque left as they were) across %d table(s)\n",
        $stats['values'], $stats['rows'], $stats['serialized'], $stats['strings'], $stats['opaque'], $stats['tables']
    );
}

function aegir_replace_table($db, $table, $keys, $columns, $where, $pairs, &$stats)
{
    $select = 'SELECT ' . implode(', ', array_map('aegir_ident', array_merge($keys, $columns)))
        . ' FROM ' . aegir_ident($table);
    $batches = array();
    if (count($keys) === 1) {
        /* Walk the table by its key, so updated rows never shift the next batch. */
        $key = aegir_ident($keys[0]);
        $last = null;
        do {
            $sql = $select . ' WHERE ' . $where . ($last === null ? '' : " AND $key > " . aegir_quote($db, $last))
                . " ORDER BY $key LIMIT 500";
            $rows = $db->query($sql)->fetch_all(MYSQLI_ASSOC);
            foreach ($rows as $row) {
                aegir_replace_row($db, $table, $keys, $columns, $row, $pairs, $stats);
                $last = $row[$keys[0]];
            }
        } while (count($rows) === 500);
        return;
    }
    $ids = $db->query('SELECT ' . implode(', ', array_map('aegir_ident', $keys)) . ' FROM ' . aegir_ident($table)
        . ' WHERE ' . $where)->fetch_all(MYSQLI_ASSOC);
    foreach ($ids as $id) {
        $match = array();
        foreach ($keys as $k) {
            $match[] = aegir_ident($k) . ' = ' . aegir_quote($db, $id[$k]);
        }
        $row = $db->query($select . ' WHERE ' . implode(' AND ', $match))->fetch_assoc();
        if ($row) {
            aegir_replace_row($db, $table, $keys, $columns, $row, $pairs, $stats);
        }
    }
}

function aegir_replace_row($db, $table, $keys, $columns, $row, $pairs, &$stats)
{
    $sets = array();
    foreach ($columns as $column) {
        $value = $row[$column];
        if ($value === null) {
            continue;
        }
        $new = aegir_replace_value($value, $pairs, $stats);
        if ($new !== $value) {
            $sets[] = aegir_ident($column) . ' = ' . aegir_quote($db, $new);
            $stats['values']++;
        }
    }
    if (!$sets) {
        return;
    }
    $match = array();
    foreach ($keys as $k) {
        $match[] = aegir_ident($k) . ' = ' . aegir_quote($db, $row[$k]);
    }
    $db->query('UPDATE ' . aegir_ident($table) . ' SET ' . implode(', ', $sets) . ' WHERE ' . implode(' AND ', $match));
    $stats['rows']++;
}

/* Run as a script (not when a test includes this file for its functions). */
if (!defined('AEGIR_REPLACE_LIBRARY_ONLY')) {
    define('AEGIR_CONFIG_ONLY', true);
    require aegir_env('AEGIR_WP_CONFIG');
    aegir_replace_database(aegir_params());
    $GLOBALS['aegir_done'] = true;
}
