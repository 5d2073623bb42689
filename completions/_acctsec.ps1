
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'acctsec' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'acctsec'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'acctsec' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the ledger (exit 0 and no change if it already exists)')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'The password policy: show, presets, set')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'The customer master: import, show, list, set-email')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Passwords: check, bulk issue, set, verify')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Locked accounts: list, add (lock one; unlock takes them off)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock accounts (optionally with a fresh initial execution password)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Weak-credential audit (findings; --guess tries guesses from customer data)')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'The rollout schedule and progress')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Email notices: catalog, subscriptions, front-end events, outbox')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The audit trail: list, verify, head')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'The ledger itself: copy it to another place or backend')
            [CompletionResult]::new('authcode', 'authcode', [CompletionResultType]::ParameterValue, 'One-time auth codes by email for withdrawals and data views: issue, verify')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Rollout progress and security posture: an HTML page with charts (--format json: the series)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;init' {
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'The policy preset to start with (see `acctsec policy presets`)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;policy' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The policy in force (--toml prints what `policy set --file` reads back)')
            [CompletionResult]::new('presets', 'presets', [CompletionResultType]::ParameterValue, 'The shipped presets')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the policy (audited with the old and new values)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;policy;show' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only the rules of this kind of password')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--toml', '--toml', [CompletionResultType]::ParameterName, 'Print the policy as TOML')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;policy;presets' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;policy;set' {
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'A shipped preset')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'A TOML policy file (as printed by `acctsec policy show --toml`)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;policy;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The policy in force (--toml prints what `policy set --file` reads back)')
            [CompletionResult]::new('presets', 'presets', [CompletionResultType]::ParameterValue, 'The shipped presets')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the policy (audited with the old and new values)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;policy;help;show' {
            break
        }
        'acctsec;policy;help;presets' {
            break
        }
        'acctsec;policy;help;set' {
            break
        }
        'acctsec;policy;help;help' {
            break
        }
        'acctsec;customer' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import or update customers from the core system''s CSV (validated whole first)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer (personal data masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (personal data masked)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change a customer''s registered email address (notifies the old and the new one)')
            [CompletionResult]::new('environments', 'environments', [CompletionResultType]::ParameterValue, 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen')
            [CompletionResult]::new('forget-environments', 'forget-environments', [CompletionResultType]::ParameterValue, 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;customer;import' {
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'The file''s encoding [default: UTF-8, with or without BOM]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and count, write nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--unmask', '--unmask', [CompletionResultType]::ParameterName, 'Show personal data in full (audited)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N customers (0: all)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--locked', '--locked', [CompletionResultType]::ParameterName, 'Only locked accounts')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Only customers still on the broker-issued initial execution password')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;set-email' {
            [CompletionResult]::new('--pc', '--pc', [CompletionResultType]::ParameterName, 'The new PC address')
            [CompletionResult]::new('--mobile', '--mobile', [CompletionResultType]::ParameterName, 'The new mobile address')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;environments' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;forget-environments' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every environment of the customer')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;customer;help' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import or update customers from the core system''s CSV (validated whole first)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer (personal data masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (personal data masked)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change a customer''s registered email address (notifies the old and the new one)')
            [CompletionResult]::new('environments', 'environments', [CompletionResultType]::ParameterValue, 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen')
            [CompletionResult]::new('forget-environments', 'forget-environments', [CompletionResultType]::ParameterValue, 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;customer;help;import' {
            break
        }
        'acctsec;customer;help;show' {
            break
        }
        'acctsec;customer;help;list' {
            break
        }
        'acctsec;customer;help;set-email' {
            break
        }
        'acctsec;customer;help;environments' {
            break
        }
        'acctsec;customer;help;forget-environments' {
            break
        }
        'acctsec;customer;help;help' {
            break
        }
        'acctsec;password' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a password against the policy (from a hidden prompt or stdin)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a customer''s password (new password twice on a terminal, once on stdin)')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;password;check' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which password''s rules: login or execution')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Also run the rules that need the customer''s data (the ones comparing with stored passwords run only at `set` and `change`)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;password;issue' {
            [CompletionResult]::new('--codes', '--codes', [CompletionResultType]::ParameterName, 'The customers listed in a file, one code a line')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The output CSV (created 0600; never overwritten)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every customer')
            [CompletionResult]::new('--reissue', '--reissue', [CompletionResultType]::ParameterName, 'Also replace existing execution passwords (asks for confirmation)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;password;set' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which password: login or execution')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--temporary', '--temporary', [CompletionResultType]::ParameterName, 'Put the password in the initial state: the customer must change it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;password;change' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which password: login or execution')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the change comes from (IP, channel); recorded with the attempt')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;password;verify' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Which password: login or execution')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the attempt comes from (IP, channel); recorded with it')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;password;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a password against the policy (from a hidden prompt or stdin)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a customer''s password (new password twice on a terminal, once on stdin)')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;password;help;check' {
            break
        }
        'acctsec;password;help;issue' {
            break
        }
        'acctsec;password;help;set' {
            break
        }
        'acctsec;password;help;change' {
            break
        }
        'acctsec;password;help;verify' {
            break
        }
        'acctsec;password;help;help' {
            break
        }
        'acctsec;lock' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Locked accounts: since when, why, failures')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Lock an account (e.g. suspected takeover)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;lock;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;lock;add' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;lock;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Locked accounts: since when, why, failures')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Lock an account (e.g. suspected takeover)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;lock;help;list' {
            break
        }
        'acctsec;lock;help;add' {
            break
        }
        'acctsec;lock;help;help' {
            break
        }
        'acctsec;unlock' {
            [CompletionResult]::new('--codes', '--codes', [CompletionResultType]::ParameterName, 'The customers listed in a file, one code a line')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where the fresh passwords go (CSV, 0600, never overwritten)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--reissue', '--reissue', [CompletionResultType]::ParameterName, 'Also issue a fresh initial execution password (needs --out, unless the policy sends it for approval: then the approver gives --out)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;audit' {
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 1 when a finding at or above this severity exists (guessable passwords found by earlier runs included, while unchanged). With -q or on a pipe (cron), only those findings are listed, and nothing at all when there are none; without --fail-on there, every finding is listed')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Stop guessing this long after the run started (e.g. 2h, 30m, 90s), for this process alone: the checks that need no guessing cover every customer first, then guesses go on until then; the run overruns it by at most one candidate verification, and the rest of its chunk goes back for the next run (of any worker) to resume at the next candidate')
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only this customer')
            [CompletionResult]::new('--candidates', '--candidates', [CompletionResultType]::ParameterName, 'Guesses per credential (1 to 100000); a cycle under way keeps the number it started with')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--guess', '--guess', [CompletionResultType]::ParameterName, 'Also try guesses built from each customer''s own data against the stored hashes: the cheap legacy hashes of every customer first, then the others a band of the likeliest candidates at a time. Processes on one host or many running this at once on one ledger divide the work (chunks claimed under a lease; `[audit]` in the config file names the worker)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Summaries of earlier runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;audit;history' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the newest N runs')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;audit;help' {
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Summaries of earlier runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;audit;help;history' {
            break
        }
        'acctsec;audit;help;help' {
            break
        }
        'acctsec;rollout' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record the schedule (times in JST unless an offset is given)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Customers by execution-password state, and time left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;rollout;set' {
            [CompletionResult]::new('--pre-start', '--pre-start', [CompletionResultType]::ParameterName, 'Start of the pre-registration period (e.g. 2022-08-22)')
            [CompletionResult]::new('--pre-end', '--pre-end', [CompletionResultType]::ParameterName, 'End of the pre-registration period (e.g. "2022-09-17 23:59")')
            [CompletionResult]::new('--enforce', '--enforce', [CompletionResultType]::ParameterName, 'Enforcement start (e.g. "2022-09-18 18:00")')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;rollout;status' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;rollout;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record the schedule (times in JST unless an offset is given)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Customers by execution-password state, and time left')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;rollout;help;set' {
            break
        }
        'acctsec;rollout;help;status' {
            break
        }
        'acctsec;rollout;help;help' {
            break
        }
        'acctsec;notify' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('types', 'types', [CompletionResultType]::ParameterValue, 'The notice catalog: names, defaults, whether a customer may turn each off')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A customer''s subscriptions (addresses masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn a notice on or off for a customer, and choose where it goes')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Report an event from the trading front end; queues the notice if the customer subscribes')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;notify;types' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--unmask', '--unmask', [CompletionResultType]::ParameterName, 'Show addresses in full (audited)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;set' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Which registered address: pc, mobile or both [default: unchanged]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;emit' {
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The client''s IP address (v4 or v6)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'The client''s device (plain text, at most 256 characters)')
            [CompletionResult]::new('--user-agent', '--user-agent', [CompletionResultType]::ParameterName, 'The client''s browser user agent (plain text, at most 256 characters; kept as browser family and OS)')
            [CompletionResult]::new('--device-id', '--device-id', [CompletionResultType]::ParameterName, 'The browser''s device token: the value of the front end''s long-lived device cookie (16-256 ASCII characters; stored only as a hash)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'The amount in yen (withdrawals)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;outbox' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only notices with this status')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N notices, oldest first (0: all) [default: all]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Mark notices of one export sent, after the mail gateway delivered them')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put failed notices back in the queue, for the next `notify send`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;notify;outbox;export' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The JSON-lines file to create (0600; never overwritten)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;outbox;ack' {
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'The export the notices were handed over in (its number: the "export" field of its lines) [default: the newest export, or the one --from names]')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Also every notice of a file written by `outbox export` (its "id" fields; -: stdin)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;outbox;retry' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;outbox;help' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Mark notices of one export sent, after the mail gateway delivered them')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put failed notices back in the queue, for the next `notify send`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;notify;outbox;help;export' {
            break
        }
        'acctsec;notify;outbox;help;ack' {
            break
        }
        'acctsec;notify;outbox;help;retry' {
            break
        }
        'acctsec;notify;outbox;help;help' {
            break
        }
        'acctsec;notify;send' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Deliver at most N notices in this run (0: all that are due) [default: all]')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Take no new notice this long after the run started (e.g. 10m, 1h); the message being sent is finished, the rest waits for the next run')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List the notices a run would send now and the charset of each; connect to nothing and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;keygen' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'The private key file to create (PEM; 0600; never overwritten)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;notify;help' {
            [CompletionResult]::new('types', 'types', [CompletionResultType]::ParameterValue, 'The notice catalog: names, defaults, whether a customer may turn each off')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A customer''s subscriptions (addresses masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn a notice on or off for a customer, and choose where it goes')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Report an event from the trading front end; queues the notice if the customer subscribes')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;notify;help;types' {
            break
        }
        'acctsec;notify;help;show' {
            break
        }
        'acctsec;notify;help;set' {
            break
        }
        'acctsec;notify;help;import' {
            break
        }
        'acctsec;notify;help;emit' {
            break
        }
        'acctsec;notify;help;outbox' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Mark notices of one export sent, after the mail gateway delivered them')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put failed notices back in the queue, for the next `notify send`')
            break
        }
        'acctsec;notify;help;outbox;export' {
            break
        }
        'acctsec;notify;help;outbox;ack' {
            break
        }
        'acctsec;notify;help;outbox;retry' {
            break
        }
        'acctsec;notify;help;send' {
            break
        }
        'acctsec;notify;help;keygen' {
            break
        }
        'acctsec;notify;help;help' {
            break
        }
        'acctsec;log' {
            [CompletionResult]::new('--customer', '--customer', [CompletionResultType]::ParameterName, 'Only entries about this customer')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries at or after this date (YYYY-MM-DD, JST) or time (RFC 3339)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action, or a family of actions (`customer` matches `customer.import`)')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Only entries written by this authenticated identity (the OS user, or the database user on PostgreSQL; not --operator)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the newest N matching entries')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the newest sequence number and hash (SEQ:HASH)')
            [CompletionResult]::new('seal', 'seal', [CompletionResultType]::ParameterValue, 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make a key pair for sealing: the private key into FILE (0600), the public key printed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;log;verify' {
            [CompletionResult]::new('--head', '--head', [CompletionResultType]::ParameterName, 'A head shipped earlier by `acctsec log head` (the hash in full, or its first 8 or more hex digits): also detect truncation after it')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;log;head' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;log;seal' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Start a new series of seals: the first one, or the first after the newest got older than max_seal_age')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;log;keygen' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write the private key (never overwritten)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;log;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the newest sequence number and hash (SEQ:HASH)')
            [CompletionResult]::new('seal', 'seal', [CompletionResultType]::ParameterValue, 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make a key pair for sealing: the private key into FILE (0600), the public key printed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;log;help;verify' {
            break
        }
        'acctsec;log;help;head' {
            break
        }
        'acctsec;log;help;seal' {
            break
        }
        'acctsec;log;help;keygen' {
            break
        }
        'acctsec;log;help;help' {
            break
        }
        'acctsec;ledger' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;ledger;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where the new ledger goes: a file that does not exist yet, or the URL of an empty PostgreSQL database')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;ledger;grant' {
            [CompletionResult]::new('--staff', '--staff', [CompletionResultType]::ParameterName, 'The role of the people and hosts doing the daily work (each person''s login a member of it)')
            [CompletionResult]::new('--read', '--read', [CompletionResultType]::ParameterName, 'The role of those who only list and report')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;ledger;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;ledger;help;copy' {
            break
        }
        'acctsec;ledger;help;grant' {
            break
        }
        'acctsec;ledger;help;help' {
            break
        }
        'acctsec;authcode' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer')
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;authcode;issue' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'What the code is for: a withdrawal, or a view of the registered data')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;authcode;verify' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'What the code is for: a withdrawal, or a view of the registered data')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;authcode;locks' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;authcode;unlock' {
            [CompletionResult]::new('--purpose', '--purpose', [CompletionResultType]::ParameterName, 'Which codes: for withdrawals, or for views of the registered data')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept in the audit trail)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;authcode;help' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer')
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;authcode;help;issue' {
            break
        }
        'acctsec;authcode;help;verify' {
            break
        }
        'acctsec;authcode;help;locks' {
            break
        }
        'acctsec;authcode;help;unlock' {
            break
        }
        'acctsec;authcode;help;help' {
            break
        }
        'acctsec;request' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Requests awaiting approval, approved, rejected or expired')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One request: what it would change (personal data masked), who asked, its state')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another person''s request and carry its action out at once')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject a request (nothing is done)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;request;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only requests in this state [default: all]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the newest N matching requests')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;request;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;request;approve' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where the passwords of a reissue go (CSV, 0600, never overwritten): they reach the approver')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;request;reject' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (written to the audit trail; plain text, one line)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;request;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Requests awaiting approval, approved, rejected or expired')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One request: what it would change (personal data masked), who asked, its state')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another person''s request and carry its action out at once')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject a request (nothing is done)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;request;help;list' {
            break
        }
        'acctsec;request;help;show' {
            break
        }
        'acctsec;request;help;approve' {
            break
        }
        'acctsec;request;help;reject' {
            break
        }
        'acctsec;request;help;help' {
            break
        }
        'acctsec;report' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the page here (HTML; never over an existing file)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'First day shown (JST) [default: the pre-registration start]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]')
            [CompletionResult]::new('--operator', '--operator', [CompletionResultType]::ParameterName, 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output form of listings and results (json: one JSON document on stdout)')
            [CompletionResult]::new('--busy-timeout', '--busy-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on success except requested data')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'acctsec;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the ledger (exit 0 and no change if it already exists)')
            [CompletionResult]::new('policy', 'policy', [CompletionResultType]::ParameterValue, 'The password policy: show, presets, set')
            [CompletionResult]::new('customer', 'customer', [CompletionResultType]::ParameterValue, 'The customer master: import, show, list, set-email')
            [CompletionResult]::new('password', 'password', [CompletionResultType]::ParameterValue, 'Passwords: check, bulk issue, set, verify')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Locked accounts: list, add (lock one; unlock takes them off)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Unlock accounts (optionally with a fresh initial execution password)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Weak-credential audit (findings; --guess tries guesses from customer data)')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'The rollout schedule and progress')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Email notices: catalog, subscriptions, front-end events, outbox')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'The audit trail: list, verify, head')
            [CompletionResult]::new('ledger', 'ledger', [CompletionResultType]::ParameterValue, 'The ledger itself: copy it to another place or backend')
            [CompletionResult]::new('authcode', 'authcode', [CompletionResultType]::ParameterValue, 'One-time auth codes by email for withdrawals and data views: issue, verify')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Rollout progress and security posture: an HTML page with charts (--format json: the series)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'acctsec;help;init' {
            break
        }
        'acctsec;help;policy' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'The policy in force (--toml prints what `policy set --file` reads back)')
            [CompletionResult]::new('presets', 'presets', [CompletionResultType]::ParameterValue, 'The shipped presets')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change the policy (audited with the old and new values)')
            break
        }
        'acctsec;help;policy;show' {
            break
        }
        'acctsec;help;policy;presets' {
            break
        }
        'acctsec;help;policy;set' {
            break
        }
        'acctsec;help;customer' {
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import or update customers from the core system''s CSV (validated whole first)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one customer (personal data masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List customers (personal data masked)')
            [CompletionResult]::new('set-email', 'set-email', [CompletionResultType]::ParameterValue, 'Change a customer''s registered email address (notifies the old and the new one)')
            [CompletionResult]::new('environments', 'environments', [CompletionResultType]::ParameterValue, 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen')
            [CompletionResult]::new('forget-environments', 'forget-environments', [CompletionResultType]::ParameterValue, 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)')
            break
        }
        'acctsec;help;customer;import' {
            break
        }
        'acctsec;help;customer;show' {
            break
        }
        'acctsec;help;customer;list' {
            break
        }
        'acctsec;help;customer;set-email' {
            break
        }
        'acctsec;help;customer;environments' {
            break
        }
        'acctsec;help;customer;forget-environments' {
            break
        }
        'acctsec;help;password' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a password against the policy (from a hidden prompt or stdin)')
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a customer''s password (new password twice on a terminal, once on stdin)')
            [CompletionResult]::new('change', 'change', [CompletionResultType]::ParameterValue, 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer')
            break
        }
        'acctsec;help;password;check' {
            break
        }
        'acctsec;help;password;issue' {
            break
        }
        'acctsec;help;password;set' {
            break
        }
        'acctsec;help;password;change' {
            break
        }
        'acctsec;help;password;verify' {
            break
        }
        'acctsec;help;lock' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Locked accounts: since when, why, failures')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Lock an account (e.g. suspected takeover)')
            break
        }
        'acctsec;help;lock;list' {
            break
        }
        'acctsec;help;lock;add' {
            break
        }
        'acctsec;help;unlock' {
            break
        }
        'acctsec;help;audit' {
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Summaries of earlier runs')
            break
        }
        'acctsec;help;audit;history' {
            break
        }
        'acctsec;help;rollout' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Record the schedule (times in JST unless an offset is given)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Customers by execution-password state, and time left')
            break
        }
        'acctsec;help;rollout;set' {
            break
        }
        'acctsec;help;rollout;status' {
            break
        }
        'acctsec;help;notify' {
            [CompletionResult]::new('types', 'types', [CompletionResultType]::ParameterValue, 'The notice catalog: names, defaults, whether a customer may turn each off')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A customer''s subscriptions (addresses masked)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn a notice on or off for a customer, and choose where it goes')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to')
            [CompletionResult]::new('emit', 'emit', [CompletionResultType]::ParameterValue, 'Report an event from the trading front end; queues the notice if the customer subscribes')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)')
            break
        }
        'acctsec;help;notify;types' {
            break
        }
        'acctsec;help;notify;show' {
            break
        }
        'acctsec;help;notify;set' {
            break
        }
        'acctsec;help;notify;import' {
            break
        }
        'acctsec;help;notify;emit' {
            break
        }
        'acctsec;help;notify;outbox' {
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Mark notices of one export sent, after the mail gateway delivered them')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Put failed notices back in the queue, for the next `notify send`')
            break
        }
        'acctsec;help;notify;outbox;export' {
            break
        }
        'acctsec;help;notify;outbox;ack' {
            break
        }
        'acctsec;help;notify;outbox;retry' {
            break
        }
        'acctsec;help;notify;send' {
            break
        }
        'acctsec;help;notify;keygen' {
            break
        }
        'acctsec;help;log' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the newest sequence number and hash (SEQ:HASH)')
            [CompletionResult]::new('seal', 'seal', [CompletionResultType]::ParameterValue, 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Make a key pair for sealing: the private key into FILE (0600), the public key printed')
            break
        }
        'acctsec;help;log;verify' {
            break
        }
        'acctsec;help;log;head' {
            break
        }
        'acctsec;help;log;seal' {
            break
        }
        'acctsec;help;log;keygen' {
            break
        }
        'acctsec;help;ledger' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database')
            break
        }
        'acctsec;help;ledger;copy' {
            break
        }
        'acctsec;help;ledger;grant' {
            break
        }
        'acctsec;help;authcode' {
            [CompletionResult]::new('issue', 'issue', [CompletionResultType]::ParameterValue, 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer')
            [CompletionResult]::new('locks', 'locks', [CompletionResultType]::ParameterValue, 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)')
            break
        }
        'acctsec;help;authcode;issue' {
            break
        }
        'acctsec;help;authcode;verify' {
            break
        }
        'acctsec;help;authcode;locks' {
            break
        }
        'acctsec;help;authcode;unlock' {
            break
        }
        'acctsec;help;request' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Requests awaiting approval, approved, rejected or expired')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One request: what it would change (personal data masked), who asked, its state')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve another person''s request and carry its action out at once')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Reject a request (nothing is done)')
            break
        }
        'acctsec;help;request;list' {
            break
        }
        'acctsec;help;request;show' {
            break
        }
        'acctsec;help;request;approve' {
            break
        }
        'acctsec;help;request;reject' {
            break
        }
        'acctsec;help;report' {
            break
        }
        'acctsec;help;completions' {
            break
        }
        'acctsec;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
