
use builtin;
use str;

set edit:completion:arg-completer[acctsec] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'acctsec'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'acctsec'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the ledger (exit 0 and no change if it already exists)'
            cand policy 'The password policy: show, presets, set'
            cand customer 'The customer master: import, show, list, set-email'
            cand password 'Passwords: check, bulk issue, set, verify'
            cand lock 'Locked accounts: list, add (lock one; unlock takes them off)'
            cand unlock 'Unlock accounts (optionally with a fresh initial execution password)'
            cand audit 'Weak-credential audit (findings; --guess tries guesses from customer data)'
            cand rollout 'The rollout schedule and progress'
            cand notify 'Email notices: catalog, subscriptions, front-end events, outbox'
            cand log 'The audit trail: list, verify, head'
            cand ledger 'The ledger itself: copy it to another place or backend'
            cand authcode 'One-time auth codes by email for withdrawals and data views: issue, verify'
            cand request 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person'
            cand report 'Rollout progress and security posture: an HTML page with charts (--format json: the series)'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;init'= {
            cand --preset 'The policy preset to start with (see `acctsec policy presets`)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;policy'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'The policy in force (--toml prints what `policy set --file` reads back)'
            cand presets 'The shipped presets'
            cand set 'Change the policy (audited with the old and new values)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;policy;show'= {
            cand --kind 'Only the rules of this kind of password'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --toml 'Print the policy as TOML'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;policy;presets'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;policy;set'= {
            cand --preset 'A shipped preset'
            cand --file 'A TOML policy file (as printed by `acctsec policy show --toml`)'
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;policy;help'= {
            cand show 'The policy in force (--toml prints what `policy set --file` reads back)'
            cand presets 'The shipped presets'
            cand set 'Change the policy (audited with the old and new values)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;policy;help;show'= {
        }
        &'acctsec;policy;help;presets'= {
        }
        &'acctsec;policy;help;set'= {
        }
        &'acctsec;policy;help;help'= {
        }
        &'acctsec;customer'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand import 'Import or update customers from the core system''s CSV (validated whole first)'
            cand show 'Show one customer (personal data masked)'
            cand list 'List customers (personal data masked)'
            cand set-email 'Change a customer''s registered email address (notifies the old and the new one)'
            cand environments 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen'
            cand forget-environments 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;customer;import'= {
            cand --encoding 'The file''s encoding [default: UTF-8, with or without BOM]'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --dry-run 'Validate and count, write nothing'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;show'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --unmask 'Show personal data in full (audited)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;list'= {
            cand --limit 'At most N customers (0: all)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --locked 'Only locked accounts'
            cand --pending 'Only customers still on the broker-issued initial execution password'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;set-email'= {
            cand --pc 'The new PC address'
            cand --mobile 'The new mobile address'
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;environments'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;forget-environments'= {
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --all 'Every environment of the customer'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;customer;help'= {
            cand import 'Import or update customers from the core system''s CSV (validated whole first)'
            cand show 'Show one customer (personal data masked)'
            cand list 'List customers (personal data masked)'
            cand set-email 'Change a customer''s registered email address (notifies the old and the new one)'
            cand environments 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen'
            cand forget-environments 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;customer;help;import'= {
        }
        &'acctsec;customer;help;show'= {
        }
        &'acctsec;customer;help;list'= {
        }
        &'acctsec;customer;help;set-email'= {
        }
        &'acctsec;customer;help;environments'= {
        }
        &'acctsec;customer;help;forget-environments'= {
        }
        &'acctsec;customer;help;help'= {
        }
        &'acctsec;password'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check a password against the policy (from a hidden prompt or stdin)'
            cand issue 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
            cand set 'Set a customer''s password (new password twice on a terminal, once on stdin)'
            cand change 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
            cand verify 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;password;check'= {
            cand --kind 'Which password''s rules: login or execution'
            cand --customer 'Also run the rules that need the customer''s data (the ones comparing with stored passwords run only at `set` and `change`)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;password;issue'= {
            cand --codes 'The customers listed in a file, one code a line'
            cand --out 'The output CSV (created 0600; never overwritten)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --all 'Every customer'
            cand --reissue 'Also replace existing execution passwords (asks for confirmation)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;password;set'= {
            cand --kind 'Which password: login or execution'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --temporary 'Put the password in the initial state: the customer must change it'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;password;change'= {
            cand --kind 'Which password: login or execution'
            cand --source 'Where the change comes from (IP, channel); recorded with the attempt'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;password;verify'= {
            cand --kind 'Which password: login or execution'
            cand --source 'Where the attempt comes from (IP, channel); recorded with it'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;password;help'= {
            cand check 'Check a password against the policy (from a hidden prompt or stdin)'
            cand issue 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
            cand set 'Set a customer''s password (new password twice on a terminal, once on stdin)'
            cand change 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
            cand verify 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;password;help;check'= {
        }
        &'acctsec;password;help;issue'= {
        }
        &'acctsec;password;help;set'= {
        }
        &'acctsec;password;help;change'= {
        }
        &'acctsec;password;help;verify'= {
        }
        &'acctsec;password;help;help'= {
        }
        &'acctsec;lock'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Locked accounts: since when, why, failures'
            cand add 'Lock an account (e.g. suspected takeover)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;lock;list'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;lock;add'= {
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;lock;help'= {
            cand list 'Locked accounts: since when, why, failures'
            cand add 'Lock an account (e.g. suspected takeover)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;lock;help;list'= {
        }
        &'acctsec;lock;help;add'= {
        }
        &'acctsec;lock;help;help'= {
        }
        &'acctsec;unlock'= {
            cand --codes 'The customers listed in a file, one code a line'
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --out 'Where the fresh passwords go (CSV, 0600, never overwritten)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --reissue 'Also issue a fresh initial execution password (needs --out, unless the policy sends it for approval: then the approver gives --out)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;audit'= {
            cand --fail-on 'Exit 1 when a finding at or above this severity exists (guessable passwords found by earlier runs included, while unchanged). With -q or on a pipe (cron), only those findings are listed, and nothing at all when there are none; without --fail-on there, every finding is listed'
            cand --budget 'Stop guessing this long after the run started (e.g. 2h, 30m, 90s), for this process alone: the checks that need no guessing cover every customer first, then guesses go on until then; the run overruns it by at most one candidate verification, and the rest of its chunk goes back for the next run (of any worker) to resume at the next candidate'
            cand --customer 'Only this customer'
            cand --candidates 'Guesses per credential (1 to 100000); a cycle under way keeps the number it started with'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --guess 'Also try guesses built from each customer''s own data against the stored hashes: the cheap legacy hashes of every customer first, then the others a band of the likeliest candidates at a time. Processes on one host or many running this at once on one ledger divide the work (chunks claimed under a lease; `[audit]` in the config file names the worker)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand history 'Summaries of earlier runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;audit;history'= {
            cand --limit 'Only the newest N runs'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;audit;help'= {
            cand history 'Summaries of earlier runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;audit;help;history'= {
        }
        &'acctsec;audit;help;help'= {
        }
        &'acctsec;rollout'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Record the schedule (times in JST unless an offset is given)'
            cand status 'Customers by execution-password state, and time left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;rollout;set'= {
            cand --pre-start 'Start of the pre-registration period (e.g. 2022-08-22)'
            cand --pre-end 'End of the pre-registration period (e.g. "2022-09-17 23:59")'
            cand --enforce 'Enforcement start (e.g. "2022-09-18 18:00")'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;rollout;status'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;rollout;help'= {
            cand set 'Record the schedule (times in JST unless an offset is given)'
            cand status 'Customers by execution-password state, and time left'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;rollout;help;set'= {
        }
        &'acctsec;rollout;help;status'= {
        }
        &'acctsec;rollout;help;help'= {
        }
        &'acctsec;notify'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand types 'The notice catalog: names, defaults, whether a customer may turn each off'
            cand show 'A customer''s subscriptions (addresses masked)'
            cand set 'Turn a notice on or off for a customer, and choose where it goes'
            cand import 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
            cand emit 'Report an event from the trading front end; queues the notice if the customer subscribes'
            cand outbox 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
            cand send 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table'
            cand keygen 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;notify;types'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;show'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --unmask 'Show addresses in full (audited)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;set'= {
            cand --to 'Which registered address: pc, mobile or both [default: unchanged]'
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;import'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;emit'= {
            cand --ip 'The client''s IP address (v4 or v6)'
            cand --device 'The client''s device (plain text, at most 256 characters)'
            cand --user-agent 'The client''s browser user agent (plain text, at most 256 characters; kept as browser family and OS)'
            cand --device-id 'The browser''s device token: the value of the front end''s long-lived device cookie (16-256 ASCII characters; stored only as a hash)'
            cand --amount 'The amount in yen (withdrawals)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;outbox'= {
            cand --status 'Only notices with this status'
            cand --limit 'At most N notices, oldest first (0: all) [default: all]'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand export 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)'
            cand ack 'Mark notices of one export sent, after the mail gateway delivered them'
            cand retry 'Put failed notices back in the queue, for the next `notify send`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;notify;outbox;export'= {
            cand --out 'The JSON-lines file to create (0600; never overwritten)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;outbox;ack'= {
            cand --export 'The export the notices were handed over in (its number: the "export" field of its lines) [default: the newest export, or the one --from names]'
            cand --from 'Also every notice of a file written by `outbox export` (its "id" fields; -: stdin)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;outbox;retry'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;outbox;help'= {
            cand export 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)'
            cand ack 'Mark notices of one export sent, after the mail gateway delivered them'
            cand retry 'Put failed notices back in the queue, for the next `notify send`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;notify;outbox;help;export'= {
        }
        &'acctsec;notify;outbox;help;ack'= {
        }
        &'acctsec;notify;outbox;help;retry'= {
        }
        &'acctsec;notify;outbox;help;help'= {
        }
        &'acctsec;notify;send'= {
            cand --limit 'Deliver at most N notices in this run (0: all that are due) [default: all]'
            cand --budget 'Take no new notice this long after the run started (e.g. 10m, 1h); the message being sent is finished, the rest waits for the next run'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --dry-run 'List the notices a run would send now and the charset of each; connect to nothing and change nothing'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;keygen'= {
            cand --out 'The private key file to create (PEM; 0600; never overwritten)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;notify;help'= {
            cand types 'The notice catalog: names, defaults, whether a customer may turn each off'
            cand show 'A customer''s subscriptions (addresses masked)'
            cand set 'Turn a notice on or off for a customer, and choose where it goes'
            cand import 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
            cand emit 'Report an event from the trading front end; queues the notice if the customer subscribes'
            cand outbox 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
            cand send 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table'
            cand keygen 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;notify;help;types'= {
        }
        &'acctsec;notify;help;show'= {
        }
        &'acctsec;notify;help;set'= {
        }
        &'acctsec;notify;help;import'= {
        }
        &'acctsec;notify;help;emit'= {
        }
        &'acctsec;notify;help;outbox'= {
            cand export 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)'
            cand ack 'Mark notices of one export sent, after the mail gateway delivered them'
            cand retry 'Put failed notices back in the queue, for the next `notify send`'
        }
        &'acctsec;notify;help;outbox;export'= {
        }
        &'acctsec;notify;help;outbox;ack'= {
        }
        &'acctsec;notify;help;outbox;retry'= {
        }
        &'acctsec;notify;help;send'= {
        }
        &'acctsec;notify;help;keygen'= {
        }
        &'acctsec;notify;help;help'= {
        }
        &'acctsec;log'= {
            cand --customer 'Only entries about this customer'
            cand --since 'Only entries at or after this date (YYYY-MM-DD, JST) or time (RFC 3339)'
            cand --action 'Only this action, or a family of actions (`customer` matches `customer.import`)'
            cand --identity 'Only entries written by this authenticated identity (the OS user, or the database user on PostgreSQL; not --operator)'
            cand --limit 'Only the newest N matching entries'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand verify 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
            cand head 'Print the newest sequence number and hash (SEQ:HASH)'
            cand seal 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
            cand keygen 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;log;verify'= {
            cand --head 'A head shipped earlier by `acctsec log head` (the hash in full, or its first 8 or more hex digits): also detect truncation after it'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;log;head'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;log;seal'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand --start 'Start a new series of seals: the first one, or the first after the newest got older than max_seal_age'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;log;keygen'= {
            cand --out 'Where to write the private key (never overwritten)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;log;help'= {
            cand verify 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
            cand head 'Print the newest sequence number and hash (SEQ:HASH)'
            cand seal 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
            cand keygen 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;log;help;verify'= {
        }
        &'acctsec;log;help;head'= {
        }
        &'acctsec;log;help;seal'= {
        }
        &'acctsec;log;help;keygen'= {
        }
        &'acctsec;log;help;help'= {
        }
        &'acctsec;ledger'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand copy 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
            cand grant 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;ledger;copy'= {
            cand --to 'Where the new ledger goes: a file that does not exist yet, or the URL of an empty PostgreSQL database'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;ledger;grant'= {
            cand --staff 'The role of the people and hosts doing the daily work (each person''s login a member of it)'
            cand --read 'The role of those who only list and report'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;ledger;help'= {
            cand copy 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
            cand grant 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;ledger;help;copy'= {
        }
        &'acctsec;ledger;help;grant'= {
        }
        &'acctsec;ledger;help;help'= {
        }
        &'acctsec;authcode'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand issue 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
            cand verify 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer'
            cand locks 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first'
            cand unlock 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;authcode;issue'= {
            cand --purpose 'What the code is for: a withdrawal, or a view of the registered data'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;authcode;verify'= {
            cand --purpose 'What the code is for: a withdrawal, or a view of the registered data'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;authcode;locks'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;authcode;unlock'= {
            cand --purpose 'Which codes: for withdrawals, or for views of the registered data'
            cand --reason 'Why (kept in the audit trail)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;authcode;help'= {
            cand issue 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
            cand verify 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer'
            cand locks 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first'
            cand unlock 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;authcode;help;issue'= {
        }
        &'acctsec;authcode;help;verify'= {
        }
        &'acctsec;authcode;help;locks'= {
        }
        &'acctsec;authcode;help;unlock'= {
        }
        &'acctsec;authcode;help;help'= {
        }
        &'acctsec;request'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Requests awaiting approval, approved, rejected or expired'
            cand show 'One request: what it would change (personal data masked), who asked, its state'
            cand approve 'Approve another person''s request and carry its action out at once'
            cand reject 'Reject a request (nothing is done)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;request;list'= {
            cand --status 'Only requests in this state [default: all]'
            cand --limit 'Only the newest N matching requests'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;request;show'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;request;approve'= {
            cand --out 'Where the passwords of a reissue go (CSV, 0600, never overwritten): they reach the approver'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;request;reject'= {
            cand --reason 'Why (written to the audit trail; plain text, one line)'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;request;help'= {
            cand list 'Requests awaiting approval, approved, rejected or expired'
            cand show 'One request: what it would change (personal data masked), who asked, its state'
            cand approve 'Approve another person''s request and carry its action out at once'
            cand reject 'Reject a request (nothing is done)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;request;help;list'= {
        }
        &'acctsec;request;help;show'= {
        }
        &'acctsec;request;help;approve'= {
        }
        &'acctsec;request;help;reject'= {
        }
        &'acctsec;request;help;help'= {
        }
        &'acctsec;report'= {
            cand --out 'Write the page here (HTML; never over an existing file)'
            cand --since 'First day shown (JST) [default: the pre-registration start]'
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;completions'= {
            cand --db 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]'
            cand --config 'Per-host settings (keys of the trail''s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]'
            cand --operator 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]'
            cand --format 'Output form of listings and results (json: one JSON document on stdout)'
            cand --busy-timeout 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)'
            cand -y 'Answer yes to confirmations (needed without a terminal)'
            cand --yes 'Answer yes to confirmations (needed without a terminal)'
            cand -q 'Print nothing on success except requested data'
            cand --quiet 'Print nothing on success except requested data'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'acctsec;help'= {
            cand init 'Create the ledger (exit 0 and no change if it already exists)'
            cand policy 'The password policy: show, presets, set'
            cand customer 'The customer master: import, show, list, set-email'
            cand password 'Passwords: check, bulk issue, set, verify'
            cand lock 'Locked accounts: list, add (lock one; unlock takes them off)'
            cand unlock 'Unlock accounts (optionally with a fresh initial execution password)'
            cand audit 'Weak-credential audit (findings; --guess tries guesses from customer data)'
            cand rollout 'The rollout schedule and progress'
            cand notify 'Email notices: catalog, subscriptions, front-end events, outbox'
            cand log 'The audit trail: list, verify, head'
            cand ledger 'The ledger itself: copy it to another place or backend'
            cand authcode 'One-time auth codes by email for withdrawals and data views: issue, verify'
            cand request 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person'
            cand report 'Rollout progress and security posture: an HTML page with charts (--format json: the series)'
            cand completions 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'acctsec;help;init'= {
        }
        &'acctsec;help;policy'= {
            cand show 'The policy in force (--toml prints what `policy set --file` reads back)'
            cand presets 'The shipped presets'
            cand set 'Change the policy (audited with the old and new values)'
        }
        &'acctsec;help;policy;show'= {
        }
        &'acctsec;help;policy;presets'= {
        }
        &'acctsec;help;policy;set'= {
        }
        &'acctsec;help;customer'= {
            cand import 'Import or update customers from the core system''s CSV (validated whole first)'
            cand show 'Show one customer (personal data masked)'
            cand list 'List customers (personal data masked)'
            cand set-email 'Change a customer''s registered email address (notifies the old and the new one)'
            cand environments 'The customer''s known login environments: browser and OS, network (last part masked), first and last seen'
            cand forget-environments 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
        }
        &'acctsec;help;customer;import'= {
        }
        &'acctsec;help;customer;show'= {
        }
        &'acctsec;help;customer;list'= {
        }
        &'acctsec;help;customer;set-email'= {
        }
        &'acctsec;help;customer;environments'= {
        }
        &'acctsec;help;customer;forget-environments'= {
        }
        &'acctsec;help;password'= {
            cand check 'Check a password against the policy (from a hidden prompt or stdin)'
            cand issue 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
            cand set 'Set a customer''s password (new password twice on a terminal, once on stdin)'
            cand change 'The customer''s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
            cand verify 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
        }
        &'acctsec;help;password;check'= {
        }
        &'acctsec;help;password;issue'= {
        }
        &'acctsec;help;password;set'= {
        }
        &'acctsec;help;password;change'= {
        }
        &'acctsec;help;password;verify'= {
        }
        &'acctsec;help;lock'= {
            cand list 'Locked accounts: since when, why, failures'
            cand add 'Lock an account (e.g. suspected takeover)'
        }
        &'acctsec;help;lock;list'= {
        }
        &'acctsec;help;lock;add'= {
        }
        &'acctsec;help;unlock'= {
        }
        &'acctsec;help;audit'= {
            cand history 'Summaries of earlier runs'
        }
        &'acctsec;help;audit;history'= {
        }
        &'acctsec;help;rollout'= {
            cand set 'Record the schedule (times in JST unless an offset is given)'
            cand status 'Customers by execution-password state, and time left'
        }
        &'acctsec;help;rollout;set'= {
        }
        &'acctsec;help;rollout;status'= {
        }
        &'acctsec;help;notify'= {
            cand types 'The notice catalog: names, defaults, whether a customer may turn each off'
            cand show 'A customer''s subscriptions (addresses masked)'
            cand set 'Turn a notice on or off for a customer, and choose where it goes'
            cand import 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
            cand emit 'Report an event from the trading front end; queues the notice if the customer subscribes'
            cand outbox 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
            cand send 'Deliver pending notices through the SMTP relay of the configuration''s [smtp] table'
            cand keygen 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
        }
        &'acctsec;help;notify;types'= {
        }
        &'acctsec;help;notify;show'= {
        }
        &'acctsec;help;notify;set'= {
        }
        &'acctsec;help;notify;import'= {
        }
        &'acctsec;help;notify;emit'= {
        }
        &'acctsec;help;notify;outbox'= {
            cand export 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)'
            cand ack 'Mark notices of one export sent, after the mail gateway delivered them'
            cand retry 'Put failed notices back in the queue, for the next `notify send`'
        }
        &'acctsec;help;notify;outbox;export'= {
        }
        &'acctsec;help;notify;outbox;ack'= {
        }
        &'acctsec;help;notify;outbox;retry'= {
        }
        &'acctsec;help;notify;send'= {
        }
        &'acctsec;help;notify;keygen'= {
        }
        &'acctsec;help;log'= {
            cand verify 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
            cand head 'Print the newest sequence number and hash (SEQ:HASH)'
            cand seal 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
            cand keygen 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
        }
        &'acctsec;help;log;verify'= {
        }
        &'acctsec;help;log;head'= {
        }
        &'acctsec;help;log;seal'= {
        }
        &'acctsec;help;log;keygen'= {
        }
        &'acctsec;help;ledger'= {
            cand copy 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
            cand grant 'On PostgreSQL, as the ledger''s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server''s functions) and the read role read access, in the ledger''s schema; audited. Run again after `ledger copy --to` into a new database'
        }
        &'acctsec;help;ledger;copy'= {
        }
        &'acctsec;help;ledger;grant'= {
        }
        &'acctsec;help;authcode'= {
            cand issue 'Send a one-time code by email to the customer: at once through the relay of this host''s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer''s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
            cand verify 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day''s last allowed wrong try (the purpose is locked), 4 unknown customer'
            cand locks 'The customers whose codes for a purpose are locked (the day''s cap of codes or wrong tries was reached), oldest first'
            cand unlock 'Clear the lock of a customer''s codes for a purpose, after checking with the customer (needs a second person when the policy''s [approval] lists lock.remove)'
        }
        &'acctsec;help;authcode;issue'= {
        }
        &'acctsec;help;authcode;verify'= {
        }
        &'acctsec;help;authcode;locks'= {
        }
        &'acctsec;help;authcode;unlock'= {
        }
        &'acctsec;help;request'= {
            cand list 'Requests awaiting approval, approved, rejected or expired'
            cand show 'One request: what it would change (personal data masked), who asked, its state'
            cand approve 'Approve another person''s request and carry its action out at once'
            cand reject 'Reject a request (nothing is done)'
        }
        &'acctsec;help;request;list'= {
        }
        &'acctsec;help;request;show'= {
        }
        &'acctsec;help;request;approve'= {
        }
        &'acctsec;help;request;reject'= {
        }
        &'acctsec;help;report'= {
        }
        &'acctsec;help;completions'= {
        }
        &'acctsec;help;help'= {
        }
    ]
    $completions[$command]
}
