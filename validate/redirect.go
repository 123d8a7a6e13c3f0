package validate

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// MaxURILength is the server's limit on a redirect URI or a link, in bytes.
const MaxURILength = 512

// LoopbackRedirectExample is the redirect URI suggested to native apps and CLIs,
// which cannot use a custom scheme.
const LoopbackRedirectExample = "http://127.0.0.1:8765/callback"

// RedirectURI checks one redirect URI against the server's rules: an absolute
// URI, https (plain http only on localhost, 127.0.0.1 or [::1], any port), no
// wildcard, fragment, user name or white space, at most 512 bytes, and no custom
// scheme. The URI is judged exactly as typed and never rewritten, because the
// server matches redirect URIs byte for byte.
func RedirectURI(raw string) error {
	return checkURL(raw, urlRules{
		empty:    "Enter a redirect URI.",
		noScheme: "Use an absolute URI that starts with https://, e.g. https://example.com/callback.",
		custom: "Custom schemes such as %q are not allowed: native apps use a loopback redirect such as " +
			LoopbackRedirectExample + ".",
		insecure:   "Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1].",
		noWildcard: true,
		noFragment: true,
	})
}

// OptionalURL checks one of the optional links (application, logo, privacy
// policy, terms of service): empty, or an absolute https URL (plain http only on
// a loopback host) of at most 512 bytes.
func OptionalURL(raw string) error {
	if raw == "" {
		return nil
	}
	return checkURL(raw, urlRules{
		noScheme: "Use an absolute URL that starts with https://, e.g. https://example.com/privacy.",
		custom:   "Use an https:// URL; %q links cannot be opened by every browser.",
		insecure: "Use https: plain http is allowed only on localhost, 127.0.0.1 and [::1].",
	})
}

// urlRules holds what differs between a redirect URI and a link.
type urlRules struct {
	empty      string
	noScheme   string
	custom     string // a format with the scheme, e.g. "com.example.app:"
	insecure   string
	noWildcard bool
	noFragment bool
}

func checkURL(raw string, rules urlRules) error {
	if raw == "" {
		return errors.New(rules.empty)
	}
	if err := NoToken(raw); err != nil {
		return err
	}
	if len(raw) > MaxURILength {
		return fmt.Errorf("It is %d bytes long; the limit is %d.", len(raw), MaxURILength)
	}
	if strings.ContainsFunc(raw, unicode.IsSpace) {
		return errors.New("Remove the spaces or line breaks: a URI cannot contain them.")
	}
	if strings.ContainsFunc(raw, unicode.IsControl) {
		return errors.New("Remove the control characters: a URI cannot contain them.")
	}
	if strings.ContainsFunc(raw, IsBidiControl) {
		return errors.New(bidiMessage)
	}
	if rules.noWildcard && strings.Contains(raw, "*") {
		return errors.New("Wildcards (*) are not allowed: register each redirect URI in full.")
	}
	if rules.noFragment && strings.Contains(raw, "#") {
		return errors.New("Remove the fragment (the part from #): redirect URIs cannot have one.")
	}
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("This is not a valid URI: %v.", err)
	}
	if u.Scheme == "" {
		return errors.New(rules.noScheme)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return fmt.Errorf(rules.custom, u.Scheme+":")
	}
	if u.Opaque != "" || u.Host == "" {
		return fmt.Errorf("Add a host after %s://, e.g. %s://example.com/callback.", u.Scheme, u.Scheme)
	}
	if u.User != nil {
		return errors.New("Remove the user name or password (the part before @) from the URI.")
	}
	if u.Hostname() == "" {
		return fmt.Errorf("Add a host after %s://, e.g. %s://example.com/callback.", u.Scheme, u.Scheme)
	}
	if err := checkPort(u); err != nil {
		return err
	}
	if u.Scheme == "http" && !IsLoopbackHost(u.Hostname()) {
		return errors.New(rules.insecure)
	}
	return nil
}

func checkPort(u *url.URL) error {
	if !strings.HasSuffix(u.Host, ":") && u.Port() == "" {
		return nil
	}
	port, err := strconv.Atoi(u.Port())
	if err != nil || port < 1 || port > 65535 {
		return errors.New("The port must be a number from 1 to 65535.")
	}
	return nil
}

// IsLoopbackHost reports whether host (without a port or brackets) is one of the
// loopback names the server accepts over plain http: localhost, 127.0.0.1, ::1.
func IsLoopbackHost(host string) bool {
	switch strings.ToLower(host) {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
