package main

import "github.com/flexslot/flexslot-register/cli"

// usageText is --help: the registration's flags come from api.Fields.
func usageText() string {
	return `flexslot-register registers an OAuth2 client for the flexslot.gg partner API.

Usage:
  flexslot-register [flags]                           the wizard (or scripted, see below)
  flexslot-register list [--json]                     your OAuth2 clients
  flexslot-register rotate [CLIENT_ID] [flags]        a new secret for a confidential client
  flexslot-register test-login CLIENT_ID [--scope S]  sign in with a client through your browser
  flexslot-register sandbox [--addr 127.0.0.1:8080]   serve the sandbox API on loopback
  flexslot-register --version | --help

What to register (the wizard asks only for what these do not give):
` + cli.FlagsHelp() + `  --from FILE             a JSON manifest with the request's field names; flags override it

How:
  --sandbox               use an in-process sandbox API: try it with no account
  --api-url URL           the API (default https://api.flexslot.gg; FLEXSLOT_API_URL)
  --yes                   skip the review screen
  --no-input              never prompt; also when stdin or stdout is not a terminal
  --dry-run               check everything, print the request and its curl; send nothing
  --accessible            plain line prompts for screen readers (also ACCESSIBLE=1)
  --clipboard-clear 45s   how long a copied secret may stay in the system clipboard
  --version               print the version

The token:
  FLEXSLOT_TOKEN          your personal access token (the wizard asks, masked, if unset)
  --token-stdin           read the token from the first line of stdin (there is no
                          --token flag: it would land in shell history and ps)

Where the secret goes without a terminal (one is required for a confidential client):
  --secret-file PATH      write FLEXSLOT_CLIENT_ID and FLEXSLOT_CLIENT_SECRET there, mode
                          0600; created before anything is sent; never over a file
                          unless --force
  --print-secret          print the secret on stdout, after the client id
  --json                  print the created client and its client_secret as JSON
  --if-exists fail        when a client of that name exists already: fail (exit 1), reuse
                          (print its id, send nothing) or rotate (a new secret for it)
  --rotate-if-created     when a create's answer is lost and the client turns out to
                          exist, rotate its secret and deliver that (never a 2nd create)

Output: data on stdout (the client id, the JSON, or the wizard's summary); everything
else on stderr. The wizard shows the secret on the alternate screen only.

Exit codes:
  0    registered (or --dry-run passed)
  1    failed: refused by the server, network, ...
  2    usage error: a bad or missing value, nothing was sent
  130  cancelled

Examples:
  # Try it, no account needed
  flexslot-register --sandbox

  # In CI, with FLEXSLOT_TOKEN from the CI's secret store
  flexslot-register --no-input --name "Deck Tracker" \
    --redirect-uri https://decktracker.example/oauth/callback \
    --scope decks:read --secret-file ./flexslot-client.env --if-exists reuse

  # From a manifest kept in the repository, machine-readable output
  flexslot-register --from flexslot-client.json --json > registered.json

  # What would be sent
  flexslot-register --from flexslot-client.json --dry-run

  # A new secret for a client, into a file
  flexslot-register rotate cli_01M8AF4RMJ9RBG5ZZPRJDGE85Q --secret-file ./flexslot-client.env --force

Commands:
  list      Print your clients: a table (one block a client in a narrow terminal), or
            the list as JSON with --json.
  rotate    Give a confidential client a new secret; apps using the current one need
            the new one. In a terminal, without CLIENT_ID, pick the client from a list;
            then confirm, and the new secret is shown, copied or saved like a new
            client's. Without a terminal it needs CLIENT_ID and --secret-file, --json
            or --print-secret.
  test-login  Prove a client works: sign in through your browser (PKCE, a loopback
            redirect URI), call GET /decks/, revoke the test tokens. A confidential
            client's secret comes from FLEXSLOT_CLIENT_SECRET, --secret-file, stdin or a
            masked prompt, never from a flag value.
  sandbox   Serve an in-process flexslot partner API with the documented endpoints,
            validation and errors, on a loopback address. It prints its base URL and a
            ready token on stderr. Application names such as sandbox:429 or
            sandbox:502-html make it fail on purpose (see README.md).
`
}
