#!/usr/bin/env bash
# Adds the same migration to every provider: tools/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: tools/add-migration.sh <MigrationName>}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  dotnet ef migrations add "$name" \
    --project src/Infrastructure --startup-project src/Infrastructure \
    --context "${provider}StrataDbContext" \
    --output-dir "Persistence/Providers/${provider}/Migrations"
done
