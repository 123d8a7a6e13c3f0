//go:build linux

package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// keyGap is the time between keys: a fast typist.
const keyGap = 60 * time.Millisecond

// keysPerRun is how many keys each run types.
const keysPerRun = 40

// memory is a process's resident memory, in bytes: its peak so far
// (VmHWM), and what is resident now of its own (RssAnon: heap, stacks) and of
// files it maps (RssFile: mostly its executable's code, shared with the page
// cache and dropped under memory pressure).
type memory struct{ peak, anon, file int64 }

// memoryOf reads the process's memory from /proc.
func memoryOf(pid int) (memory, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return memory{}, err
	}
	var m memory
	fields := map[string]*int64{"VmHWM:": &m.peak, "RssAnon:": &m.anon, "RssFile:": &m.file}
	for _, line := range strings.Split(string(data), "\n") {
		for name, into := range fields {
			if rest, ok := strings.CutPrefix(line, name); ok {
				kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				if err != nil {
					return memory{}, err
				}
				*into = kb << 10
			}
		}
	}
	if m.peak == 0 || m.anon == 0 {
		return memory{}, fmt.Errorf("no VmHWM or RssAnon in /proc/%d/status", pid)
	}
	return m, nil
}

// mib is bytes in MiB.
func mib(n int64) float64 { return float64(n) / (1 << 20) }

// cpuOf is the CPU time the process has used so far, every thread's
// (schedstat: nanoseconds on a CPU, finer than stat's clock ticks).
func cpuOf(pid int) (time.Duration, error) {
	tasks, err := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/schedstat")
	if err != nil {
		return 0, err
	}
	var total time.Duration
	for _, task := range tasks {
		data, err := os.ReadFile(task)
		if err != nil {
			continue // a thread that has just ended
		}
		ns, err := strconv.ParseInt(strings.Fields(string(data))[0], 10, 64)
		if err != nil {
			return 0, err
		}
		total += time.Duration(ns)
	}
	return total, nil
}

// keyCost is what keys cost a program in a terminal.
type keyCost struct {
	cpu   time.Duration // process CPU while the keys were typed
	bytes int64         // what it wrote to the terminal meanwhile
	mem   memory        // memory at the end
}

// typeKeys starts path in an 80x24 pseudo-terminal, waits until it shows
// ready and has settled, then types keys keyGap apart and measures the
// process's CPU and output over that window.
func typeKeys(b *testing.B, path string, args []string, ready string, keys []string) keyCost {
	b.Helper()
	return typeKeysAfter(b, path, args, ready, nil, "", keys)
}

// walkGap is the time between the keys that walk to a page: enough for huh
// to move its focus (in a command) before the next.
const walkGap = 300 * time.Millisecond

// typeKeysAfter is typeKeys for a page that no flag opens at: once ready
// shows, it types walk walkGap apart and waits until its output since shows
// then, before it settles and measures.
func typeKeysAfter(b *testing.B, path string, args []string, ready string, walk []string, then string, keys []string) keyCost {
	b.Helper()
	cmd, tty := startInPty(b, path, args...)
	defer stopInPty(cmd, tty)
	var (
		written atomic.Int64
		mu      sync.Mutex
		seen    bytes.Buffer
	)
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := tty.Read(buf)
			written.Add(int64(n))
			mu.Lock()
			if seen.Len() < 1<<20 {
				seen.Write(buf[:n])
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	waitFor := func(want string, from int) {
		for deadline := time.Now().Add(waitTimeout); ; time.Sleep(10 * time.Millisecond) {
			mu.Lock()
			shown := bytes.Contains(seen.Bytes()[min(from, seen.Len()):], []byte(want))
			mu.Unlock()
			if shown {
				return
			}
			if time.Now().After(deadline) {
				b.Fatalf("%s never showed %q", filepath.Base(path), want)
			}
		}
	}
	waitFor(ready, 0)
	if len(walk) > 0 {
		time.Sleep(walkGap)
		mu.Lock()
		from := seen.Len()
		mu.Unlock()
		for _, key := range walk {
			if _, err := tty.WriteString(key); err != nil {
				b.Fatal(err)
			}
			time.Sleep(walkGap)
		}
		waitFor(then, from)
	}
	// Start-up is over: about 0.5 s after the first frame, the wizard draws
	// the whole screen again (seen in the pty's output: a clear and the full
	// frame) once the terminal queries it sent at start (synchronized output,
	// the background colour) have gone unanswered, as a bare pty leaves
	// them. Waiting only 0.5 s counted that as keys' work.
	time.Sleep(1500 * time.Millisecond)
	cpu0, err := cpuOf(cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	bytes0 := written.Load()
	for _, key := range keys {
		if _, err := tty.WriteString(key); err != nil {
			b.Fatal(err)
		}
		time.Sleep(keyGap)
	}
	cpu1, err := cpuOf(cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	mem, err := memoryOf(cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	return keyCost{cpu: cpu1 - cpu0, bytes: written.Load() - bytes0, mem: mem}
}

// letters are keysPerRun printable keys; arrows, keysPerRun arrow keys that
// go down and back up.
func letters() []string {
	keys := make([]string, keysPerRun)
	for i := range keys {
		keys[i] = string(rune('a' + i%26))
	}
	return keys
}

func arrows() []string {
	keys := make([]string, keysPerRun)
	for i := range keys {
		keys[i] = "\x1b[B" // down
		if i%8 >= 4 {
			keys[i] = "\x1b[A" // up
		}
	}
	return keys
}

// BenchmarkKeysInTerminal types keys into the built wizard, page by page, in
// a real pseudo-terminal at keyGap between keys, beside the floor (a Bubble
// Tea v2 program that echoes one line, testdata/echo), and reports process
// CPU and bytes written per key, and their ratios to the floor's (bytes only
// where the floor writes any). The echo ignores arrows, so for the arrows of
// the scopes page it also reports the ratios to the echo run with -list,
// whose arrows move a marker and redraw (list-floor-…).
func BenchmarkKeysInTerminal(b *testing.B) {
	floor := echo.build(b, "echo")
	given := []string{"--sandbox", "--name", "Deck Tracker", "--client-type", "confidential"}
	uri := []string{"--redirect-uri", "https://decktracker.example/cb"}
	access := []string{"--scope", "decks:read", "--grant-type", "authorization_code"}
	// With every value given the wizard shows no page (the links are
	// optional), so the links page is reached from the review: e edits,
	// and enter and tab walk the pages.
	toLinks := []string{"e", "\r", "\r", "\t", "\r", "\r"}
	pages := []struct {
		name  string
		args  []string
		ready string
		walk  []string
		then  string
		keys  []string
	}{
		{"name", []string{"--sandbox"}, "Application name", nil, "", letters()},
		{"redirect-uris", given, "Redirect URIs", nil, "", letters()},
		{"scopes", append(append([]string(nil), given...), uri...), "decks:write", nil, "", arrows()},
		{"links", append(append(append([]string(nil), given...), uri...), access...), "Application URL", toLinks, "(optional)", letters()},
	}
	for _, page := range pages {
		b.Run(page.name, func(b *testing.B) {
			var wizard, least, list keyCost
			arrows := page.name == "scopes"
			for range b.N {
				wizard.add(typeKeysAfter(b, binary, page.args, page.ready, page.walk, page.then, page.keys))
				least.add(typeKeys(b, floor, nil, "Application name", page.keys))
				if arrows {
					list.add(typeKeys(b, floor, []string{"-list"}, "Application name", page.keys))
				}
			}
			keys := float64(b.N * len(page.keys))
			b.ReportMetric(float64(wizard.cpu.Microseconds())/keys, "cpu-µs/key")
			b.ReportMetric(float64(least.cpu.Microseconds())/keys, "floor-cpu-µs/key")
			b.ReportMetric(float64(wizard.cpu)/float64(least.cpu), "cpu-ratio")
			b.ReportMetric(float64(wizard.bytes)/keys, "B/key")
			b.ReportMetric(float64(least.bytes)/keys, "floor-B/key")
			if least.bytes > 0 { // the floor writes nothing for an arrow
				b.ReportMetric(float64(wizard.bytes)/float64(least.bytes), "bytes-ratio")
			}
			if arrows {
				b.ReportMetric(float64(list.cpu.Microseconds())/keys, "list-floor-cpu-µs/key")
				b.ReportMetric(float64(wizard.cpu)/float64(list.cpu), "list-floor-cpu-ratio")
				b.ReportMetric(float64(list.bytes)/keys, "list-floor-B/key")
			}
			b.ReportMetric(mib(wizard.mem.peak), "peak-RSS-MiB")
		})
	}
}

// BenchmarkNameBesideHuh types into the wizard's first field, into a plain
// huh form of one input (testdata/huhform) and into the same form after an
// HTTP round trip over loopback (testdata/huhhttp), in the same
// pseudo-terminal, and reports CPU and bytes a key of the first two, and the
// memory of all three: the peak, and at the end what is the process's own
// (anon) and what it maps of its executable (file).
func BenchmarkNameBesideHuh(b *testing.B) {
	plain := huhForm.build(b, "huhform")
	withHTTP := huhHTTP.build(b, "huhhttp")
	var wizard, huh, huhNet keyCost
	for range b.N {
		wizard.add(typeKeys(b, binary, []string{"--sandbox"}, "Application name", letters()))
		huh.add(typeKeys(b, plain, nil, "Application name", letters()))
		huhNet.add(typeKeys(b, withHTTP, nil, "Application name", letters()))
	}
	keys := float64(b.N * keysPerRun)
	b.ReportMetric(float64(wizard.cpu.Microseconds())/keys, "cpu-µs/key")
	b.ReportMetric(float64(huh.cpu.Microseconds())/keys, "huh-cpu-µs/key")
	b.ReportMetric(float64(wizard.bytes)/keys, "B/key")
	b.ReportMetric(float64(huh.bytes)/keys, "huh-B/key")
	for _, c := range []struct {
		name string
		mem  memory
	}{{"", wizard.mem}, {"huh-", huh.mem}, {"huh-http-", huhNet.mem}} {
		b.ReportMetric(mib(c.mem.peak), c.name+"peak-RSS-MiB")
		b.ReportMetric(mib(c.mem.anon), c.name+"anon-MiB")
		b.ReportMetric(mib(c.mem.file), c.name+"file-MiB")
	}
}

// add sums runs: CPU and bytes add up; memory is the largest run's.
func (k *keyCost) add(run keyCost) {
	k.cpu += run.cpu
	k.bytes += run.bytes
	if run.mem.peak > k.mem.peak {
		k.mem = run.mem
	}
}
