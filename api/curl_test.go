package api

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestCurlCreate(t *testing.T) {
	req := CreateClientRequest{
		ApplicationName: "Bob's Deck Tracker",
		RedirectURIs:    []string{"https://decktracker.example/cb"},
		ClientType:      "public",
	}
	got := CurlCreate("http://127.0.0.1:8080/", req)
	want := `curl --request POST \
  --url 'http://127.0.0.1:8080/api/public/v1/me/partner/oauth2-clients' \
  --header "Authorization: Bearer $FLEXSLOT_TOKEN" \
  --header 'Content-Type: application/json' \
  --data '{
  "application_name": "Bob'\''s Deck Tracker",
  "redirect_uris": [
    "https://decktracker.example/cb"
  ],
  "allowed_scopes": [],
  "client_type": "public",
  "application_url": "",
  "application_logo_url": "",
  "privacy_policy_url": "",
  "tos_url": ""
}'`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(CurlCreate("", req), "https://api.flexslot.gg/api/public/v1/") {
		t.Errorf("empty base URL does not default to the API")
	}
}

// TestCurlCreateIsValidShell has a real shell parse the command: the body it
// would send must be exactly the request's JSON, quote included.
func TestCurlCreateIsValidShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI has no sh: the curl command cannot be checked by a real shell")
		}
		t.Skip("skipped: no sh on this machine, so no shell parses the curl command")
	}
	req := CreateClientRequest{ApplicationName: `it's "quoted" $HOME`, RedirectURIs: []string{"https://a.example/cb"}}
	script := "curl() { while [ $# -gt 0 ]; do if [ \"$1\" = --data ]; then printf '%s' \"$2\"; fi; shift; done; }\n" + CurlCreate("", req)
	out, err := exec.Command(sh, "-c", script).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"application_name": "it's \"quoted\" $HOME"`) {
		t.Errorf("the shell passed %s", out)
	}
}
