-- One database per service: services never read each other's data.
-- Runs once, when docker compose creates the PostgreSQL volume.
CREATE DATABASE redmet_registry;
CREATE DATABASE redmet_reporting;
CREATE DATABASE redmet_subsidy;
CREATE DATABASE redmet_monitoring;
CREATE DATABASE redmet_gateway;
