<?php
/*
 * Aegir: write a Grav admin account (user/accounts/<name>.yaml) with a bcrypt hash of the password
 * in the environment variable AEGIR_ADMIN_PASSWORD, as Grav's login plugin stores it.
 * AEGIR_GRAV_ACCOUNT: the account file; AEGIR_GRAV_PARAMS: {"email", "fullname", "reset"}.
 * A reset keeps the file's other lines (two-factor secrets, language...) and replaces the hash.
 */
error_reporting(E_ALL);

function aegir_fail($message)
{
    file_put_contents('php://stderr', 'aegir: ' . $message . "\n");
    exit(1);
}

function aegir_yaml($value)
{
    if (preg_match('/[\x00-\x1f\x7f]/', $value)) {
        aegir_fail('a control character cannot go into the account file');
    }
    return "'" . str_replace("'", "''", $value) . "'";
}

$file = getenv('AEGIR_GRAV_ACCOUNT');
$password = getenv('AEGIR_ADMIN_PASSWORD');
$params = json_decode((string) getenv('AEGIR_GRAV_PARAMS'), true);
if (!$file || $file[0] !== '/' || substr($file, -5) !== '.yaml' || strpos($file, '/../') !== false) {
    aegir_fail('AEGIR_GRAV_ACCOUNT must be an absolute path to a .yaml file');
}
if ($password === false || $password === '') {
    aegir_fail('the environment variable AEGIR_ADMIN_PASSWORD is not set');
}
if (!is_array($params)) {
    aegir_fail('AEGIR_GRAV_PARAMS is not a JSON object');
}
$hash = password_hash($password, PASSWORD_DEFAULT);
if (!empty($params['reset']) && is_file($file)) {
    $kept = array();
    foreach (preg_split('/\r?\n/', (string) file_get_contents($file)) as $line) {
        if (!preg_match('/^(hashed_password|password):/', $line)) {
            $kept[] = $line;
        }
    }
    $text = rtrim(implode("\n", $kept)) . "\nhashed_password: " . aegir_yaml($hash) . "\n";
} else {
    $text = 'state: enabled' . "\n"
        . 'email: ' . aegir_yaml((string) $params['email']) . "\n"
        . 'fullname: ' . aegir_yaml((string) $params['fullname']) . "\n"
        . 'title: Administrator' . "\n"
        . "access:\n  admin:\n    login: true\n    super: true\n  site:\n    login: true\n"
        . 'hashed_password: ' . aegir_yaml($hash) . "\n";
}
if (!is_dir(dirname($file)) && !mkdir(dirname($file), 0770, true)) {
    aegir_fail('cannot create ' . dirname($file));
}
$temp = $file . '.' . getmypid() . '.tmp';
if (file_put_contents($temp, $text) === false || !chmod($temp, 0660) || !rename($temp, $file)) {
    @unlink($temp);
    aegir_fail("cannot write $file");
}
if (!password_verify($password, $hash)) {
    aegir_fail('the password hash does not check out');
}
echo 'wrote the Grav account ', basename($file, '.yaml'), "\n";
