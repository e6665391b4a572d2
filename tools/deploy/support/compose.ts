// The variables docker-compose.yml itself reads from `.env` (interpolation), as listed in .env.example.
export const COMPOSE_VARIABLES = [
  { name: 'REDMET_TAG', default: 'local', meaning: 'tag of the redmet/<app> images compose builds' },
  {
    name: 'POSTGRES_PASSWORD',
    default: 'redmet',
    meaning: "password of PostgreSQL's postgres user (set it before the first start)",
  },
  { name: 'GATEWAY_PORT', default: '3000', meaning: 'host port of the gateway: the console and the API' },
  {
    name: 'REDMET_PUBLIC_URL',
    default: 'http://localhost:3000',
    meaning: "the console's address as people open it (CORS origin, links in alert e-mails)",
  },
] as const;
