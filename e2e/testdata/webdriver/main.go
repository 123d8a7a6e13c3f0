// Command webdriver is the $BROWSER of the end-to-end tests: it drives a
// headless Chromium through chromedriver (WebDriver over HTTP, no library)
// to the URL it is given, saves a screenshot of the page, presses the button
// CONSENT names ("allow" or "deny"), and waits for the redirect to land on
// the loopback callback.
//
//	WEBDRIVER_URL=http://127.0.0.1:9515 CONSENT=allow SHOT=consent.png webdriver URL
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

var driver = os.Getenv("WEBDRIVER_URL")

// call sends a WebDriver command and decodes its value into out.
func call(method, path string, body any, out any) error {
	var payload io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		payload = bytes.NewReader(data)
	}
	req, _ := http.NewRequest(method, driver+path, payload)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	var envelope struct{ Value json.RawMessage }
	if err := json.Unmarshal(data, &envelope); err != nil {
		return err
	}
	return json.Unmarshal(envelope.Value, out)
}

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "webdriver:", err)
		os.Exit(1)
	}
}

func run(target string) error {
	var session struct {
		SessionID string `json:"sessionId"`
	}
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{
			"binary": os.Getenv("CHROMIUM"),
			"args":   []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=900,900"},
		},
	}}}
	if err := call("POST", "/session", caps, &session); err != nil {
		return err
	}
	s := "/session/" + session.SessionID
	defer call("DELETE", s, nil, nil)
	if err := call("POST", s+"/url", map[string]string{"url": target}, nil); err != nil {
		return err
	}
	if shot := os.Getenv("SHOT"); shot != "" {
		var png string
		if err := call("GET", s+"/screenshot", nil, &png); err != nil {
			return err
		}
		data, _ := base64.StdEncoding.DecodeString(png)
		if err := os.WriteFile(shot, data, 0o644); err != nil {
			return err
		}
	}
	var element map[string]string
	if err := call("POST", s+"/element", map[string]string{"using": "css selector", "value": "#" + os.Getenv("CONSENT")}, &element); err != nil {
		return err
	}
	var id string
	for _, v := range element { // the key is the WebDriver element identifier
		id = v
	}
	if err := call("POST", s+"/element/"+id+"/click", map[string]any{}, nil); err != nil {
		return err
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var current string
		if call("GET", s+"/url", nil, &current) == nil && (strings.HasPrefix(current, "http://127.0.0.1") || strings.HasPrefix(current, "http://[::1]")) &&
			!strings.Contains(current, "/oauth/authorize") {
			return nil
		}
	}
	return fmt.Errorf("the browser never reached the callback")
}
