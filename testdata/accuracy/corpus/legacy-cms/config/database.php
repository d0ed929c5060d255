<?php

return [
    'default' => env('DB_CONNECTION', 'mysql'),

    'connections' => [
        'mysql' => [
            'driver' => 'mysql',
            'host' => env('DB_HOST', '127.0.0.1'),
            'port' => env('DB_PORT', '3306'),
            'database' => env('DB_DATABASE', 'forge'),
            'username' => env('DB_USERNAME', 'forge'),
            'password' => env('DB_PASSWORD', ''),
            'charset' => 'utf8mb4',
        ],

        'reporting' => [
            'driver' => 'pgsql',
            'host' => 'reporting-db.internal',
            'database' => 'reporting',
            'username' => 'cms_reports',
            'password' => 'Hq3!vW8mLz5k',
            'sslmode' => 'prefer',
        ],

        'legacy' => [
            'driver' => 'sqlsrv',
            'url' => 'sqlsrv://legacy_ro:Ty7#kN2vQx9m@legacy-sql.internal:1433/cms',
        ],
    ],

    'redis' => [
        'default' => [
            'host' => env('REDIS_HOST', '127.0.0.1'),
            'password' => env('REDIS_PASSWORD'),
            'port' => env('REDIS_PORT', '6379'),
        ],
    ],
];
