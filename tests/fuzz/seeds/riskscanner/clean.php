<?php
/* a comment with eval( inside */
namespace App;
function greet(string $name): string { return "Hello {$name}"; }
echo greet('world');
?>
<p>inline html <?= htmlspecialchars($t) ?></p>
