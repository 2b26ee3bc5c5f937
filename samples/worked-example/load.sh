#!/usr/bin/env bash
# Loads the worked example of the domain notes into a database (default ./data/assetledger.db, or $ASSETLEDGER_DB):
# a county, a township and one village, its 2024 opening balances and vouchers, then closes the year and prints the
# statements. Every step is a command a user would type; running it twice changes nothing (the commands are idempotent).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/src/AssetLedger.Host" -v quiet -nologo >/dev/null
al() { dotnet run --no-build --project "$root/src/AssetLedger.Host" -- "$@"; }

al init
al org add 3301 清河县 --level county
al org add 330101 城关镇 --level township --parent 3301
al org add 33010101 东风村股份经济合作社 --level village --parent 330101
al opening import "$here/opening-2024.csv" --org 33010101 --year 2024
al voucher import "$here/vouchers-2024.csv" --org 33010101
al year close --org 33010101 --year 2024
al report income-statement --org 33010101 --period 2024-12
al report balance-sheet --org 33010101 --period 2024-12
al verify
