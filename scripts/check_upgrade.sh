#!/usr/bin/env bash
# Upgrade check: load the demo with an older commit's code and schema, then migrate it with
# this checkout's code and open the key pages as the demo's people.
#   scripts/check_upgrade.sh <old-commit> [DATABASE_URL]
# Without DATABASE_URL a SQLite file in a temporary folder is used. The database given is
# emptied first (PostgreSQL: it is dropped and created again).
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: scripts/check_upgrade.sh <old-commit> [DATABASE_URL]}
work=$(mktemp -d)
url=${2:-sqlite:///$work/upgrade.sqlite3}
python=$PWD/.venv/bin/python
if [[ $url == postgres* ]]; then
  name=${url##*/}
  psql "${url%/*}/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
fi
git worktree add -q --detach "$work/old" "$old"
trap 'git worktree remove --force "$work/old"; rm -rf "$work"' EXIT
echo "== $old: migrate and load the demo"
(cd "$work/old" && DATABASE_URL=$url $python manage.py migrate -v0 && DATABASE_URL=$url $python manage.py demo_load)
echo "== this checkout: migrate"
DATABASE_URL=$url $python manage.py migrate
echo "== this checkout: the key pages"
DATABASE_URL=$url $python scripts/upgrade_smoke.py
