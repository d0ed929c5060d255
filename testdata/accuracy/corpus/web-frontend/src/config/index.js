const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing env ${name}`);
  return value;
};

module.exports = {
  port: Number(process.env.PORT || 3000),
  apiBaseUrl: process.env.API_BASE_URL || 'http://localhost:8080',
  sessionSecret: required('SESSION_SECRET'),
  stripePublishableKey: 'pk_live_51Hq8vL2mXz7Kr9Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoPl7Sx',
  mapboxToken: process.env.MAPBOX_TOKEN,
  algolia: {
    appId: 'Q8VL2MXZ7K',
    searchOnlyApiKey: process.env.ALGOLIA_SEARCH_KEY,
    adminApiKey: 'b7e2c9a4f1d8e3b6a0c5f9d2e7b1a4c8',
  },
  analytics: {
    writeKey: process.env.SEGMENT_WRITE_KEY,
  },
  db: {
    user: 'web',
    password: process.env.DB_PASSWORD,
    connectionString: 'mongodb+srv://web-app:Rc5!vT9kQm2x@cluster0.x8kq2.mongodb.net/web?retryWrites=true&w=majority',
  },
  passwordMinLength: 12,
  tokenExpiry: '15m',
  csrfTokenHeader: 'x-csrf-token',
};
