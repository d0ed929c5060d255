module.exports = {
  development: {
    client: 'pg',
    connection: 'postgres://orders:orders@localhost:5432/orders',
  },
  production: {
    client: 'pg',
    connection: {
      host: process.env.DB_HOST,
      user: 'orders_app',
      password: 'Xb4#kM9vQt2w',
      database: 'orders',
    },
    pool: { min: 2, max: 20 },
  },
  reporting: {
    client: 'pg',
    connection: process.env.REPORTING_DATABASE_URL,
  },
};
