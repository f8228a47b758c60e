<?php
// The platform's SDK for plugins: who is asking, what they may do, and the
// plugin's own key/value store. No framework; PHP 8.1 or newer with the
// `redis` extension (installed in the platform's PHP images).
//
//   require __DIR__ . '/../lib/Platform.php';
//   $me = Platform\Identity::fromRequest();
//   if (!$me->can('orders.read')) { http_response_code(403); exit; }
//   $store = Platform\Store::fromEnvironment();
//   $store->set('greeting', 'hello', 3600);
//
// The identity comes from headers the platform's edge sets after it has
// verified the visitor; the edge removes headers of the same names sent by
// clients, so they cannot be forged from outside. Do not trust them in code
// reached any other way.

declare(strict_types=1);

namespace Platform;

// A request to the store failed (unreachable, refused, or an error). The
// message never contains the store's password.
final class StoreError extends \RuntimeException
{
}

final class Identity
{
    /** @param list<string> $roles @param list<string> $permissions */
    private function __construct(
        private readonly ?string $user,
        private readonly array $roles,
        private readonly array $permissions,
    ) {
    }

    /** @param array<string, mixed>|null $server defaults to $_SERVER */
    public static function fromRequest(?array $server = null): self
    {
        $server ??= $_SERVER;
        $list = static function (string $name) use ($server): array {
            $value = is_string($server[$name] ?? null) ? $server[$name] : '';
            $items = array_map('trim', explode(',', $value));
            return array_values(array_unique(array_filter($items, static fn (string $item): bool => $item !== '')));
        };
        $user = is_string($server['HTTP_X_PLATFORM_USER'] ?? null) ? trim($server['HTTP_X_PLATFORM_USER']) : '';
        return new self($user === '' ? null : $user, $list('HTTP_X_PLATFORM_ROLES'), $list('HTTP_X_PLATFORM_PERMISSIONS'));
    }

    // The verified user name, or null on an anonymous path.
    public function user(): ?string
    {
        return $this->user;
    }

    public function isAnonymous(): bool
    {
        return $this->user === null;
    }

    /** @return list<string> */
    public function roles(): array
    {
        return $this->roles;
    }

    public function hasRole(string $role): bool
    {
        return in_array($role, $this->roles, true);
    }

    // Granted to this user's roles for this plugin and environment by the
    // platform's admins. Exact names only: no wildcards.
    public function can(string $permission): bool
    {
        return in_array($permission, $this->permissions, true);
    }
}

// The plugin's own keys. Every key is kept under the plugin's prefix, which
// its credentials are limited to; pass keys without it.
final class Store
{
    private function __construct(private readonly \Redis|\RedisCluster $redis, private readonly string $prefix)
    {
    }

    // From the variables the platform sets in the plugin's container:
    // PLATFORM_KV_HOST, PLATFORM_KV_PORT (or PLATFORM_KV_SEEDS, "host:port,…",
    // for a cluster), PLATFORM_KV_USER, PLATFORM_KV_PASSWORD, PLATFORM_KV_PREFIX.
    public static function fromEnvironment(?array $environment = null): self
    {
        $environment ??= getenv();
        $get = static function (string $name) use ($environment): string {
            $value = $environment[$name] ?? '';
            return is_string($value) ? $value : '';
        };
        $credentials = [$get('PLATFORM_KV_USER'), $get('PLATFORM_KV_PASSWORD')];
        $prefix = $get('PLATFORM_KV_PREFIX');
        if ($prefix === '' || $credentials[0] === '') {
            throw new StoreError('The key/value store is not configured (PLATFORM_KV_* variables are missing).');
        }
        try {
            if ($get('PLATFORM_KV_SEEDS') !== '') {
                $seeds = array_values(array_filter(array_map('trim', explode(',', $get('PLATFORM_KV_SEEDS')))));
                return new self(new \RedisCluster(null, $seeds, 2.0, 2.0, true, $credentials), $prefix);
            }
            $redis = new \Redis();
            $host = $get('PLATFORM_KV_HOST') !== '' ? $get('PLATFORM_KV_HOST') : '127.0.0.1';
            $port = (int) ($get('PLATFORM_KV_PORT') !== '' ? $get('PLATFORM_KV_PORT') : '6379');
            $redis->connect($host, $port, 2.0);
            $redis->auth($credentials);
            return new self($redis, $prefix);
        } catch (\RedisException | \RedisClusterException $e) {
            throw new StoreError('The key/value store cannot be reached: ' . self::withoutSecret($e->getMessage(), $credentials[1]));
        }
    }

    public function get(string $key): ?string
    {
        $value = $this->call(fn () => $this->redis->get($this->key($key)));
        return $value === false ? null : (string) $value;
    }

    // Stores `value`; with `ttlSeconds`, it expires after that many seconds.
    public function set(string $key, string $value, ?int $ttlSeconds = null): void
    {
        if ($ttlSeconds !== null && $ttlSeconds <= 0) {
            throw new \InvalidArgumentException('ttlSeconds must be positive');
        }
        $options = $ttlSeconds === null ? [] : ['EX' => $ttlSeconds];
        $this->call(fn () => $this->redis->set($this->key($key), $value, $options), true);
    }

    public function incr(string $key, int $by = 1): int
    {
        return (int) $this->call(fn () => $this->redis->incrBy($this->key($key), $by), true);
    }

    // Seconds left before `key` expires; null when it does not exist or never expires.
    public function ttl(string $key): ?int
    {
        $left = (int) $this->call(fn () => $this->redis->ttl($this->key($key)), true);
        return $left < 0 ? null : $left;
    }

    // How many of the keys existed.
    public function delete(string ...$keys): int
    {
        if ($keys === []) {
            return 0;
        }
        return (int) $this->call(fn () => $this->redis->unlink(array_map(fn (string $k): string => $this->key($k), $keys)), true);
    }

    public function hashGet(string $key, string $field): ?string
    {
        $value = $this->call(fn () => $this->redis->hGet($this->key($key), $field));
        return $value === false ? null : (string) $value;
    }

    /** @param array<string, string> $fields */
    public function hashSet(string $key, array $fields): void
    {
        if ($fields !== []) {
            $this->call(fn () => $this->redis->hMSet($this->key($key), $fields), true);
        }
    }

    /** @return array<string, string> */
    public function hashGetAll(string $key): array
    {
        return (array) $this->call(fn () => $this->redis->hGetAll($this->key($key)), true);
    }

    public function hashDelete(string $key, string ...$fields): int
    {
        return $fields === [] ? 0 : (int) $this->call(fn () => $this->redis->hDel($this->key($key), ...$fields), true);
    }

    private function key(string $key): string
    {
        return $this->prefix . $key;
    }

    // Runs one request; a server error becomes a StoreError. `false` is an
    // answer ("no such key") unless `falseIsError` or the server said why.
    private function call(callable $request, bool $falseIsError = false): mixed
    {
        try {
            $this->redis->clearLastError();
            $result = $request();
        } catch (\RedisException | \RedisClusterException $e) {
            throw new StoreError('The key/value store failed: ' . $e->getMessage());
        }
        $error = $this->redis->getLastError();
        if ($result === false && ($falseIsError || $error !== null)) {
            throw new StoreError('The key/value store refused the request: ' . ($error ?? 'no reason given'));
        }
        return $result;
    }

    private static function withoutSecret(string $message, string $secret): string
    {
        return $secret === '' ? $message : str_replace($secret, '***', $message);
    }
}
