// Package sandboxtest plays a user's part against the sandbox, for tests
// that need a person in the loop without a real browser.
package sandboxtest

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// FormFields returns the hidden fields of a consent page's form: the
// authorize request and the page's one-time consent token, what a browser
// posts back with the button pressed. The sandbox takes a decision only with
// them, so a test that posts one by hand starts here.
func FormFields(page []byte) url.Values {
	form := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	return form
}

// Consent opens the sandbox's consent page at authorize, presses decision
// ("allow" or "deny") with the page's hidden fields, as a browser sends a
// form from that page (with its Origin and Sec-Fetch-Site: same-origin), and
// returns where the sandbox sends the browser back, without going there.
func Consent(authorize, decision string) (*url.URL, error) {
	resp, err := http.Get(authorize)
	if err != nil {
		return nil, err
	}
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the consent page answered %d", resp.StatusCode)
	}
	form := FormFields(page)
	form.Set("decision", decision)
	target, err := url.Parse(authorize)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodPost, strings.SplitN(authorize, "?", 2)[0], strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", target.Scheme+"://"+target.Host)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err = noFollow.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		return nil, fmt.Errorf("the consent answered %d, not a redirect", resp.StatusCode)
	}
	return url.Parse(resp.Header.Get("Location"))
}
