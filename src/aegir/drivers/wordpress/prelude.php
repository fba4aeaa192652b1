<?php
/*
 * Aegir: the start of every PHP CLI script the WordPress driver runs (given to `php` on stdin).
 *
 * Parameters come from the environment, never from argv (argv is visible to every local user):
 * AEGIR_WP_CORE (the folder holding wp-load.php), AEGIR_WP_CONFIG (the site's own wp-config.php),
 * AEGIR_WP_URL (the site's URL), AEGIR_WP_PARAMS (JSON), and secrets such as AEGIR_ADMIN_PASSWORD.
 */

error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED);

/* A script read from stdin has no STDERR constant. */
function aegir_stderr($text)
{
    file_put_contents('php://stderr', $text);
}

/* WordPress ends many failures with die() and status 0: a script only succeeds once it says so. */
$GLOBALS['aegir_done'] = false;
register_shutdown_function(function () {
    if (!$GLOBALS['aegir_done']) {
        $last = error_get_last();
        $why = $last ? ': ' . $last['message'] . ' in ' . $last['file'] . ':' . $last['line'] : '';
        aegir_stderr("aegir: the script stopped before it finished" . $why . "\n");
        exit(70);
    }
});

function aegir_fail($message, $status = 1)
{
    aegir_stderr('aegir: ' . $message . "\n");
    $GLOBALS['aegir_done'] = true; /* the reason is told: keep this status */
    exit($status);
}

function aegir_env($name)
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        aegir_fail("the environment variable $name is not set");
    }
    return $value;
}

function aegir_params()
{
    $params = json_decode(aegir_env('AEGIR_WP_PARAMS'), true);
    if (!is_array($params)) {
        aegir_fail('AEGIR_WP_PARAMS is not a JSON object');
    }
    return $params;
}

/* What a web request would have set, so WordPress builds the right URLs from the CLI. */
function aegir_fake_request($url)
{
    $parts = parse_url($url);
    if (!is_array($parts) || empty($parts['host'])) {
        aegir_fail("AEGIR_WP_URL is not a URL: $url");
    }
    $https = isset($parts['scheme']) && strtolower($parts['scheme']) === 'https';
    $port = isset($parts['port']) ? (int) $parts['port'] : ($https ? 443 : 80);
    $_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
    $_SERVER['SERVER_NAME'] = $parts['host'];
    $_SERVER['SERVER_PORT'] = (string) $port;
    $_SERVER['REQUEST_URI'] = '/';
    $_SERVER['REQUEST_METHOD'] = 'GET';
    $_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
    $_SERVER['REMOTE_ADDR'] = '127.0.0.1';
    $_SERVER['SCRIPT_NAME'] = '/index.php';
    $_SERVER['PHP_SELF'] = '/index.php';
    if ($https) {
        $_SERVER['HTTPS'] = 'on';
    }
}

/* No HTTP from these scripts: wp_install()'s permalink probe and update checks would only wait. */
function aegir_no_http()
{
    return new WP_Error('aegir_offline', 'Aegir CLI tasks make no HTTP requests');
}
$GLOBALS['wp_filter']['pre_http_request'][10]['aegir_no_http'] = array(
    'function' => 'aegir_no_http',
    'accepted_args' => 1,
);

/* Plain-text deaths instead of an HTML page, with a failing status. */
function aegir_die_handler($message, $title = '', $args = array())
{
    if (is_wp_error($message)) {
        $message = $message->get_error_message();
    }
    $text = trim(preg_replace('/\s+/', ' ', html_entity_decode(strip_tags((string) $message), ENT_QUOTES, 'UTF-8')));
    aegir_fail('WordPress stopped: ' . (strlen($text) > 400 ? substr($text, 0, 400) . '...' : $text));
}
function aegir_die_handler_name()
{
    return 'aegir_die_handler';
}
$GLOBALS['wp_filter']['wp_die_handler'][10]['aegir_die_handler_name'] = array(
    'function' => 'aegir_die_handler_name',
    'accepted_args' => 1,
);

$aegir_core = rtrim(aegir_env('AEGIR_WP_CORE'), '/');
aegir_env('AEGIR_WP_CONFIG');
aegir_fake_request(aegir_env('AEGIR_WP_URL'));
