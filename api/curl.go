package api

import (
	"encoding/json"
	"strings"
)

// TokenPlaceholder stands for the token in commands shown to the user: the
// shell expands it from the environment, so the token itself is never printed
// and never lands in shell history.
const TokenPlaceholder = "$FLEXSLOT_TOKEN"

// CurlCreate returns the curl command equivalent to CreateOAuth2Client with req
// against baseURL (DefaultBaseURL when empty), with the token as
// TokenPlaceholder.
func CurlCreate(baseURL string, req CreateClientRequest) string {
	if baseURL == "" {
		baseURL = DefaultBaseURL
	}
	body, _ := json.MarshalIndent(req, "", "  ")
	return "curl --request POST \\\n" +
		"  --url " + ShellQuote(strings.TrimSuffix(baseURL, "/")+APIPrefix+ClientsPath) + " \\\n" +
		`  --header "Authorization: Bearer ` + TokenPlaceholder + `" \` + "\n" +
		"  --header 'Content-Type: application/json' \\\n" +
		"  --data " + ShellQuote(string(body))
}

// ShellQuote quotes s for a POSIX shell: single quotes, with embedded ones
// closed, escaped and reopened.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
