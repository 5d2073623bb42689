# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_acctsec_global_optspecs
    string join \n db= config= operator= format= y/yes q/quiet busy-timeout= h/help V/version
end

function __fish_acctsec_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_acctsec_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_acctsec_using_subcommand
    set -l cmd (__fish_acctsec_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c acctsec -n "__fish_acctsec_needs_command" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_needs_command" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_needs_command" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_needs_command" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_needs_command" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_needs_command" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c acctsec -n "__fish_acctsec_needs_command" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "init" -d 'Create the ledger (exit 0 and no change if it already exists)'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "policy" -d 'The password policy: show, presets, set'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "customer" -d 'The customer master: import, show, list, set-email'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "password" -d 'Passwords: check, bulk issue, set, verify'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "lock" -d 'Locked accounts: list, add (lock one; unlock takes them off)'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "unlock" -d 'Unlock accounts (optionally with a fresh initial execution password)'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "audit" -d 'Weak-credential audit (findings; --guess tries guesses from customer data)'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "rollout" -d 'The rollout schedule and progress'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "notify" -d 'Email notices: catalog, subscriptions, front-end events, outbox'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "log" -d 'The audit trail: list, verify, head'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "ledger" -d 'The ledger itself: copy it to another place or backend'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "authcode" -d 'One-time auth codes by email for withdrawals and data views: issue, verify'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "request" -d 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "report" -d 'Rollout progress and security posture: an HTML page with charts (--format json: the series)'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c acctsec -n "__fish_acctsec_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l preset -d 'The policy preset to start with (see `acctsec policy presets`)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand init" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -f -a "show" -d 'The policy in force (--toml prints what `policy set --file` reads back)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -f -a "presets" -d 'The shipped presets'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -f -a "set" -d 'Change the policy (audited with the old and new values)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and not __fish_seen_subcommand_from show presets set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l kind -d 'Only the rules of this kind of password' -r -f -a "login\t''
execution\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -l toml -d 'Print the policy as TOML'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from presets" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l preset -d 'A shipped preset' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l file -d 'A TOML policy file (as printed by `acctsec policy show --toml`)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "show" -d 'The policy in force (--toml prints what `policy set --file` reads back)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "presets" -d 'The shipped presets'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change the policy (audited with the old and new values)'
complete -c acctsec -n "__fish_acctsec_using_subcommand policy; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "import" -d 'Import or update customers from the core system\'s CSV (validated whole first)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "show" -d 'Show one customer (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "list" -d 'List customers (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "set-email" -d 'Change a customer\'s registered email address (notifies the old and the new one)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "environments" -d 'The customer\'s known login environments: browser and OS, network (last part masked), first and last seen'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "forget-environments" -d 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and not __fish_seen_subcommand_from import show list set-email environments forget-environments help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l encoding -d 'The file\'s encoding [default: UTF-8, with or without BOM]' -r -f -a "utf-8\t''
sjis\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -l dry-run -d 'Validate and count, write nothing'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -l unmask -d 'Show personal data in full (audited)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l limit -d 'At most N customers (0: all)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l locked -d 'Only locked accounts'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -l pending -d 'Only customers still on the broker-issued initial execution password'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l pc -d 'The new PC address' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l mobile -d 'The new mobile address' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from set-email" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from environments" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -l all -d 'Every environment of the customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from forget-environments" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import or update customers from the core system\'s CSV (validated whole first)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one customer (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "list" -d 'List customers (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "set-email" -d 'Change a customer\'s registered email address (notifies the old and the new one)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "environments" -d 'The customer\'s known login environments: browser and OS, network (last part masked), first and last seen'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "forget-environments" -d 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
complete -c acctsec -n "__fish_acctsec_using_subcommand customer; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "check" -d 'Check a password against the policy (from a hidden prompt or stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "issue" -d 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "set" -d 'Set a customer\'s password (new password twice on a terminal, once on stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "change" -d 'The customer\'s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "verify" -d 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and not __fish_seen_subcommand_from check issue set change verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l kind -d 'Which password\'s rules: login or execution' -r -f -a "login\t''
execution\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l customer -d 'Also run the rules that need the customer\'s data (the ones comparing with stored passwords run only at `set` and `change`)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l codes -d 'The customers listed in a file, one code a line' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l out -d 'The output CSV (created 0600; never overwritten)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l all -d 'Every customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -l reissue -d 'Also replace existing execution passwords (asks for confirmation)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from issue" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l kind -d 'Which password: login or execution' -r -f -a "login\t''
execution\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -l temporary -d 'Put the password in the initial state: the customer must change it'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l kind -d 'Which password: login or execution' -r -f -a "login\t''
execution\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l source -d 'Where the change comes from (IP, channel); recorded with the attempt' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from change" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l kind -d 'Which password: login or execution' -r -f -a "login\t''
execution\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l source -d 'Where the attempt comes from (IP, channel); recorded with it' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check a password against the policy (from a hidden prompt or stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a customer\'s password (new password twice on a terminal, once on stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "change" -d 'The customer\'s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand password; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -f -a "list" -d 'Locked accounts: since when, why, failures'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -f -a "add" -d 'Lock an account (e.g. suspected takeover)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and not __fish_seen_subcommand_from list add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "list" -d 'Locked accounts: since when, why, failures'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "add" -d 'Lock an account (e.g. suspected takeover)'
complete -c acctsec -n "__fish_acctsec_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l codes -d 'The customers listed in a file, one code a line' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l out -d 'Where the fresh passwords go (CSV, 0600, never overwritten)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -l reissue -d 'Also issue a fresh initial execution password (needs --out, unless the policy sends it for approval: then the approver gives --out)'
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand unlock" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l fail-on -d 'Exit 1 when a finding at or above this severity exists (guessable passwords found by earlier runs included, while unchanged). With -q or on a pipe (cron), only those findings are listed, and nothing at all when there are none; without --fail-on there, every finding is listed' -r -f -a "low\t''
medium\t''
high\t''
critical\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l budget -d 'Stop guessing this long after the run started (e.g. 2h, 30m, 90s), for this process alone: the checks that need no guessing cover every customer first, then guesses go on until then; the run overruns it by at most one candidate verification, and the rest of its chunk goes back for the next run (of any worker) to resume at the next candidate' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l customer -d 'Only this customer' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l candidates -d 'Guesses per credential (1 to 100000); a cycle under way keeps the number it started with' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -l guess -d 'Also try guesses built from each customer\'s own data against the stored hashes: the cheap legacy hashes of every customer first, then the others a band of the likeliest candidates at a time. Processes on one host or many running this at once on one ledger divide the work (chunks claimed under a lease; `[audit]` in the config file names the worker)'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -f -a "history" -d 'Summaries of earlier runs'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and not __fish_seen_subcommand_from history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l limit -d 'Only the newest N runs' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "history" -d 'Summaries of earlier runs'
complete -c acctsec -n "__fish_acctsec_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -f -a "set" -d 'Record the schedule (times in JST unless an offset is given)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -f -a "status" -d 'Customers by execution-password state, and time left'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and not __fish_seen_subcommand_from set status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l pre-start -d 'Start of the pre-registration period (e.g. 2022-08-22)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l pre-end -d 'End of the pre-registration period (e.g. "2022-09-17 23:59")' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l enforce -d 'Enforcement start (e.g. "2022-09-18 18:00")' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "set" -d 'Record the schedule (times in JST unless an offset is given)'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "status" -d 'Customers by execution-password state, and time left'
complete -c acctsec -n "__fish_acctsec_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "types" -d 'The notice catalog: names, defaults, whether a customer may turn each off'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "show" -d 'A customer\'s subscriptions (addresses masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "set" -d 'Turn a notice on or off for a customer, and choose where it goes'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "import" -d 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "emit" -d 'Report an event from the trading front end; queues the notice if the customer subscribes'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "outbox" -d 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "send" -d 'Deliver pending notices through the SMTP relay of the configuration\'s [smtp] table'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "keygen" -d 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and not __fish_seen_subcommand_from types show set import emit outbox send keygen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from types" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -l unmask -d 'Show addresses in full (audited)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l to -d 'Which registered address: pc, mobile or both [default: unchanged]' -r -f -a "pc\t''
mobile\t''
both\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l ip -d 'The client\'s IP address (v4 or v6)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l device -d 'The client\'s device (plain text, at most 256 characters)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l user-agent -d 'The client\'s browser user agent (plain text, at most 256 characters; kept as browser family and OS)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l device-id -d 'The browser\'s device token: the value of the front end\'s long-lived device cookie (16-256 ASCII characters; stored only as a hash)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l amount -d 'The amount in yen (withdrawals)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from emit" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l status -d 'Only notices with this status' -r -f -a "pending\t'Waiting to be sent (by `notify send` or a mail gateway)'
sent\t'Accepted by the relay, or acknowledged by the gateway'
failed\t'Refused for good by the relay (`notify outbox retry` puts them back)'
expired\t'Never sent: an auth code\'s notice whose code expired, was used or was ended first'"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l limit -d 'At most N notices, oldest first (0: all) [default: all]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -f -a "export" -d 'Write every pending notice, with full addresses, as JSON lines (0600, never overwritten)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -f -a "ack" -d 'Mark notices of one export sent, after the mail gateway delivered them'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -f -a "retry" -d 'Put failed notices back in the queue, for the next `notify send`'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from outbox" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l limit -d 'Deliver at most N notices in this run (0: all that are due) [default: all]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l budget -d 'Take no new notice this long after the run started (e.g. 10m, 1h); the message being sent is finished, the rest waits for the next run' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -l dry-run -d 'List the notices a run would send now and the charset of each; connect to nothing and change nothing'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l out -d 'The private key file to create (PEM; 0600; never overwritten)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from keygen" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "types" -d 'The notice catalog: names, defaults, whether a customer may turn each off'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "show" -d 'A customer\'s subscriptions (addresses masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "set" -d 'Turn a notice on or off for a customer, and choose where it goes'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "import" -d 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "emit" -d 'Report an event from the trading front end; queues the notice if the customer subscribes'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "outbox" -d 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "send" -d 'Deliver pending notices through the SMTP relay of the configuration\'s [smtp] table'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
complete -c acctsec -n "__fish_acctsec_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l customer -d 'Only entries about this customer' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l since -d 'Only entries at or after this date (YYYY-MM-DD, JST) or time (RFC 3339)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l action -d 'Only this action, or a family of actions (`customer` matches `customer.import`)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l identity -d 'Only entries written by this authenticated identity (the OS user, or the database user on PostgreSQL; not --operator)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l limit -d 'Only the newest N matching entries' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -f -a "verify" -d 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -f -a "head" -d 'Print the newest sequence number and hash (SEQ:HASH)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -f -a "seal" -d 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -f -a "keygen" -d 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and not __fish_seen_subcommand_from verify head seal keygen help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l head -d 'A head shipped earlier by `acctsec log head` (the hash in full, or its first 8 or more hex digits): also detect truncation after it' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from head" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -l start -d 'Start a new series of seals: the first one, or the first after the newest got older than max_seal_age'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from seal" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l out -d 'Where to write the private key (never overwritten)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from keygen" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "head" -d 'Print the newest sequence number and hash (SEQ:HASH)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "seal" -d 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "keygen" -d 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
complete -c acctsec -n "__fish_acctsec_using_subcommand log; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -f -a "copy" -d 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -f -a "grant" -d 'On PostgreSQL, as the ledger\'s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server\'s functions) and the read role read access, in the ledger\'s schema; audited. Run again after `ledger copy --to` into a new database'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and not __fish_seen_subcommand_from copy grant help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l to -d 'Where the new ledger goes: a file that does not exist yet, or the URL of an empty PostgreSQL database' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l staff -d 'The role of the people and hosts doing the daily work (each person\'s login a member of it)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l read -d 'The role of those who only list and report' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "grant" -d 'On PostgreSQL, as the ledger\'s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server\'s functions) and the read role read access, in the ledger\'s schema; audited. Run again after `ledger copy --to` into a new database'
complete -c acctsec -n "__fish_acctsec_using_subcommand ledger; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -f -a "issue" -d 'Send a one-time code by email to the customer: at once through the relay of this host\'s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer\'s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -f -a "verify" -d 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day\'s last allowed wrong try (the purpose is locked), 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -f -a "locks" -d 'The customers whose codes for a purpose are locked (the day\'s cap of codes or wrong tries was reached), oldest first'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -f -a "unlock" -d 'Clear the lock of a customer\'s codes for a purpose, after checking with the customer (needs a second person when the policy\'s [approval] lists lock.remove)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and not __fish_seen_subcommand_from issue verify locks unlock help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l purpose -d 'What the code is for: a withdrawal, or a view of the registered data' -r -f -a "withdrawal\t'Before a withdrawal (notice withdrawal_auth_code)'
view\t'Before a view of the registered data (notice view_auth_code)'"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from issue" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l purpose -d 'What the code is for: a withdrawal, or a view of the registered data' -r -f -a "withdrawal\t'Before a withdrawal (notice withdrawal_auth_code)'
view\t'Before a view of the registered data (notice view_auth_code)'"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from locks" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l purpose -d 'Which codes: for withdrawals, or for views of the registered data' -r -f -a "withdrawal\t'Before a withdrawal (notice withdrawal_auth_code)'
view\t'Before a view of the registered data (notice view_auth_code)'"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l reason -d 'Why (kept in the audit trail)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from unlock" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Send a one-time code by email to the customer: at once through the relay of this host\'s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer\'s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day\'s last allowed wrong try (the purpose is locked), 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from help" -f -a "locks" -d 'The customers whose codes for a purpose are locked (the day\'s cap of codes or wrong tries was reached), oldest first'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'Clear the lock of a customer\'s codes for a purpose, after checking with the customer (needs a second person when the policy\'s [approval] lists lock.remove)'
complete -c acctsec -n "__fish_acctsec_using_subcommand authcode; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -f -a "list" -d 'Requests awaiting approval, approved, rejected or expired'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -f -a "show" -d 'One request: what it would change (personal data masked), who asked, its state'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -f -a "approve" -d 'Approve another person\'s request and carry its action out at once'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -f -a "reject" -d 'Reject a request (nothing is done)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and not __fish_seen_subcommand_from list show approve reject help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l status -d 'Only requests in this state [default: all]' -r -f -a "pending\t''
approved\t''
rejected\t''
expired\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l limit -d 'Only the newest N matching requests' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l out -d 'Where the passwords of a reissue go (CSV, 0600, never overwritten): they reach the approver' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from approve" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l reason -d 'Why (written to the audit trail; plain text, one line)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from reject" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "list" -d 'Requests awaiting approval, approved, rejected or expired'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "show" -d 'One request: what it would change (personal data masked), who asked, its state'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve another person\'s request and carry its action out at once'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "reject" -d 'Reject a request (nothing is done)'
complete -c acctsec -n "__fish_acctsec_using_subcommand request; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l out -d 'Write the page here (HTML; never over an existing file)' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l since -d 'First day shown (JST) [default: the pre-registration start]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand report" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -l db -d 'The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -l config -d 'Per-host settings (keys of the trail\'s seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]' -r -F
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -l operator -d 'A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -l format -d 'Output form of listings and results (json: one JSON document on stdout)' -r -f -a "table\t''
csv\t''
json\t''"
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -l busy-timeout -d 'How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)' -r
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed without a terminal)'
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -s q -l quiet -d 'Print nothing on success except requested data'
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -s h -l help -d 'Print help'
complete -c acctsec -n "__fish_acctsec_using_subcommand completions" -s V -l version -d 'Print version'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "init" -d 'Create the ledger (exit 0 and no change if it already exists)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "policy" -d 'The password policy: show, presets, set'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "customer" -d 'The customer master: import, show, list, set-email'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "password" -d 'Passwords: check, bulk issue, set, verify'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "lock" -d 'Locked accounts: list, add (lock one; unlock takes them off)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "unlock" -d 'Unlock accounts (optionally with a fresh initial execution password)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "audit" -d 'Weak-credential audit (findings; --guess tries guesses from customer data)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "rollout" -d 'The rollout schedule and progress'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "notify" -d 'Email notices: catalog, subscriptions, front-end events, outbox'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "log" -d 'The audit trail: list, verify, head'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "ledger" -d 'The ledger itself: copy it to another place or backend'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "authcode" -d 'One-time auth codes by email for withdrawals and data views: issue, verify'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "request" -d 'Four-eyes approval: list, show, approve or reject requests for actions that need a second person'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "report" -d 'Rollout progress and security posture: an HTML page with charts (--format json: the series)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "completions" -d 'Print shell completions'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and not __fish_seen_subcommand_from init policy customer password lock unlock audit rollout notify log ledger authcode request report completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "show" -d 'The policy in force (--toml prints what `policy set --file` reads back)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "presets" -d 'The shipped presets'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from policy" -f -a "set" -d 'Change the policy (audited with the old and new values)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "import" -d 'Import or update customers from the core system\'s CSV (validated whole first)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "show" -d 'Show one customer (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "list" -d 'List customers (personal data masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "set-email" -d 'Change a customer\'s registered email address (notifies the old and the new one)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "environments" -d 'The customer\'s known login environments: browser and OS, network (last part masked), first and last seen'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from customer" -f -a "forget-environments" -d 'Forget known login environments (a lost phone): the next login from one is reported as new (audited)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from password" -f -a "check" -d 'Check a password against the policy (from a hidden prompt or stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from password" -f -a "issue" -d 'Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from password" -f -a "set" -d 'Set a customer\'s password (new password twice on a terminal, once on stdin)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from password" -f -a "change" -d 'The customer\'s own change (I3): the current password, then the new one (twice on a terminal; on stdin two lines: current, new)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from password" -f -a "verify" -d 'Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from lock" -f -a "list" -d 'Locked accounts: since when, why, failures'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from lock" -f -a "add" -d 'Lock an account (e.g. suspected takeover)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "history" -d 'Summaries of earlier runs'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "set" -d 'Record the schedule (times in JST unless an offset is given)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "status" -d 'Customers by execution-password state, and time left'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "types" -d 'The notice catalog: names, defaults, whether a customer may turn each off'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "show" -d 'A customer\'s subscriptions (addresses masked)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "set" -d 'Turn a notice on or off for a customer, and choose where it goes'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "import" -d 'Set subscriptions in bulk from a CSV with columns code,type,enabled,to'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "emit" -d 'Report an event from the trading front end; queues the notice if the customer subscribes'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "outbox" -d 'The queued notices (addresses masked); `export` and `ack` for a mail gateway, `retry` after a failed delivery'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "send" -d 'Deliver pending notices through the SMTP relay of the configuration\'s [smtp] table'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "keygen" -d 'Make the key pair that seals auth codes to the host running `notify send`: the private key into FILE (0600, never overwritten; [notify] seal_key_file there), the public key on stdout ([notify] seal_public_key on the hosts that issue codes)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "verify" -d 'Check the hash chain, and the seals with the configured public keys; exit 1 naming where'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "head" -d 'Print the newest sequence number and hash (SEQ:HASH)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "seal" -d 'Sign the head with the configured signing key and store the seal (for cron; -q: silent)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from log" -f -a "keygen" -d 'Make a key pair for sealing: the private key into FILE (0600), the public key printed'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "copy" -d 'Copy the whole ledger, audit trail included, into a new ledger at DEST (a path or a postgres:// URL) in one transaction; the copy has the same `log head`'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from ledger" -f -a "grant" -d 'On PostgreSQL, as the ledger\'s owner: give the staff role its rights (every table, but the audit trail, its seals and the schema version written only through the server\'s functions) and the read role read access, in the ledger\'s schema; audited. Run again after `ledger copy --to` into a new database'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from authcode" -f -a "issue" -d 'Send a one-time code by email to the customer: at once through the relay of this host\'s [smtp], else queued sealed to [notify] seal_public_key for `notify send` on the host with the key; prints its expiry, never the code (exit 6: the customer does not require one; 1: asked too soon, do not go ahead; 3: the customer\'s codes for the purpose are locked, do not go ahead; 75: the relay is down or lost, no code is live; 78: neither [smtp] nor a seal key)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from authcode" -f -a "verify" -d 'Check a code from the hidden prompt or stdin: exit 0 matched (now used up), 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the day\'s last allowed wrong try (the purpose is locked), 4 unknown customer'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from authcode" -f -a "locks" -d 'The customers whose codes for a purpose are locked (the day\'s cap of codes or wrong tries was reached), oldest first'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from authcode" -f -a "unlock" -d 'Clear the lock of a customer\'s codes for a purpose, after checking with the customer (needs a second person when the policy\'s [approval] lists lock.remove)'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "list" -d 'Requests awaiting approval, approved, rejected or expired'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "show" -d 'One request: what it would change (personal data masked), who asked, its state'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "approve" -d 'Approve another person\'s request and carry its action out at once'
complete -c acctsec -n "__fish_acctsec_using_subcommand help; and __fish_seen_subcommand_from request" -f -a "reject" -d 'Reject a request (nothing is done)'
