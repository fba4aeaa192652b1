<?php
/*
 * Test harness for the URL replacement of the WordPress driver (src/.../replace_urls.php).
 * Reads one JSON request from stdin, writes one JSON answer to stdout. Modes:
 *   replace   {"values": [base64...], "pairs": [[old, new]...]} -> {"values": [base64...]}
 *   roundtrip {"json": [...], "pairs": ...} -> serialize each JSON value, replace, unserialize:
 *             {"serialized": [base64], "replaced": [base64], "back": [json values or null]}
 *   shapes    {"base": url, "classes": bool} -> {"values": {name: base64 serialize(shape)}}
 *   check     {"values": {name: base64}} -> {"values": {name: base64 serialize(unserialize(v))}}
 * With "classes": true the plugin classes below are defined; their __wakeup/__destruct write to
 * the file named by "marker", to show whether any code of theirs ran.
 */
define('AEGIR_REPLACE_LIBRARY_ONLY', true);
$request = json_decode(stream_get_contents(fopen('php://stdin', 'r')), true);
require $request['library'];

if (!empty($request['classes'])) {
    $GLOBALS['aegir_marker'] = $request['marker'];
    eval('
    class Acme_Settings
    {
        public $endpoint;
        protected $logo;
        private $nested;
        public $ratio = 0.25;
        public $enabled = true;
        public $missing = null;
        public function __construct($base)
        {
            $this->endpoint = $base . "/wp-json/acme/v1";
            $this->logo = $base . "/wp-content/uploads/2024/01/logo.png";
            $this->nested = array("home" => $base, "elsewhere" => "https://old.example.org/x", "n" => -3);
        }
        public function __wakeup() { file_put_contents($GLOBALS["aegir_marker"], "wakeup\n", FILE_APPEND); }
        public function __destruct() { if (!empty($GLOBALS["aegir_marker_armed"])) { file_put_contents($GLOBALS["aegir_marker"], "destruct\n", FILE_APPEND); } }
    }
    enum Acme_Mode: string { case Live = "live"; }
    ');
}

function shapes($base)
{
    $header = new stdClass();
    $header->attachment_id = 7;
    $header->url = $base . '/wp-content/uploads/2024/01/header.jpg';
    $header->thumbnail_url = $base . '/wp-content/uploads/2024/01/header-300x75.jpg';
    $header->height = 300;
    $header->width = 1200;
    $shared = new stdClass();
    $shared->url = $base . '/shared/';
    $values = array(
        'widget_text' => array(
            2 => array(
                'title' => 'Links',
                'text' => '<a href="' . $base . '/about/">About</a> <img src="' . $base . '/wp-content/uploads/2024/01/a.jpg">',
                'filter' => true,
                'visual' => true,
            ),
            '_multiwidget' => 1,
        ),
        'widget_block' => array(
            2 => array('content' => '<!-- wp:image {"id":5} --><figure class="wp-block-image"><img src="' . $base . '/wp-content/uploads/x.png" alt=""/></figure><!-- /wp:image -->'),
            '_multiwidget' => 1,
        ),
        'theme_mods_twentytwentythree' => array(
            0 => false,
            'nav_menu_locations' => array(),
            'custom_css_post_id' => -1,
            'header_image' => $base . '/wp-content/uploads/2024/01/header.jpg',
            'header_image_data' => $header,
            'background_image' => '',
        ),
        'sidebars_widgets' => array(
            'wp_inactive_widgets' => array(),
            'sidebar-1' => array('block-2', 'text-2'),
            'array_version' => 3,
        ),
        '_wp_attachment_metadata' => array(
            'width' => 1200, 'height' => 300, 'file' => '2024/01/header.jpg', 'filesize' => 1234,
            'sizes' => array('medium' => array('file' => 'header-300x75.jpg', 'width' => 300, 'height' => 75, 'mime-type' => 'image/jpeg')),
            'image_meta' => array('aperture' => '0', 'credit' => '', 'keywords' => array()),
        ),
        'double_serialized' => array('legacy' => serialize(array('feed' => $base . '/feed/', 'n' => 1.5))),
        'multibyte' => array('title' => 'Ünïcødé — ' . $base . '/ü/ ✓', 'json' => json_encode(array('link' => $base . '/x'))),
        'references' => array($shared, $shared, 'text' => $base),
        'scalars' => array(INF, -INF, 1.0E+25, -0.0, PHP_INT_MAX, null, '', $base),
        'plain_url' => $base . '/',
        'array_object' => new ArrayObject(array('home' => $base, 7 => array($base . '/x'))),
    );
    if (class_exists('Acme_Settings', false)) {
        $values['plugin_object'] = array('settings' => new Acme_Settings($base), 'mode' => Acme_Mode::Live);
    }
    return $values;
}

$answer = array();
switch ($request['mode']) {
    case 'replace':
        $stats = array('serialized' => 0, 'strings' => 0, 'opaque' => 0);
        $answer['values'] = array();
        foreach ($request['values'] as $value) {
            $answer['values'][] = base64_encode(aegir_replace_value(base64_decode($value), $request['pairs'], $stats));
        }
        $answer['stats'] = $stats;
        break;
    case 'roundtrip':
        $stats = array('serialized' => 0, 'strings' => 0, 'opaque' => 0);
        foreach ($request['json'] as $value) {
            $serialized = serialize($value);
            $replaced = aegir_replace_value($serialized, $request['pairs'], $stats);
            $back = @unserialize($replaced, array('allowed_classes' => false));
            $answer['serialized'][] = base64_encode($serialized);
            $answer['replaced'][] = base64_encode($replaced);
            $answer['back'][] = ($back === false && $replaced !== 'b:0;') ? array('__unserialize_failed__' => true) : $back;
        }
        break;
    case 'shapes':
        foreach (shapes($request['base']) as $name => $value) {
            $answer['values'][$name] = base64_encode(serialize($value));
        }
        break;
    case 'check':
        foreach ($request['values'] as $name => $value) {
            $back = unserialize(base64_decode($value));
            $answer['values'][$name] = $back === false ? null : base64_encode(serialize($back));
        }
        break;
}
echo json_encode($answer);
$GLOBALS['aegir_marker_armed'] = true;
