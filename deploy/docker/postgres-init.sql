-- One database per service: services never read each other's data.
CREATE DATABASE redmet_registry;
CREATE DATABASE redmet_reporting;
CREATE DATABASE redmet_subsidy;
CREATE DATABASE redmet_monitoring;
