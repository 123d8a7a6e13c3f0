package main

import (
	"runtime/debug"
	"testing"
)

// TestDescribeBuild: --version says what the build info knows, and no more.
func TestDescribeBuild(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "e9fc458a1b2c3d4e5f60718293a4b5c6d7e8f901"},
		{Key: "vcs.time", Value: "2026-11-26T13:50:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	tests := []struct {
		name string
		set  string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", "dev", nil, "flexslot-register dev"},
		{"go build in a checkout", "dev", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			"flexslot-register dev (revision e9fc458a1b2c, 2026-11-26T13:50:00Z) go1.26.0"},
		{"uncommitted changes", "dev", &debug.BuildInfo{GoVersion: "go1.26.0", Settings: append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			"flexslot-register dev (revision e9fc458a1b2c, 2026-11-26T13:50:00Z, modified) go1.26.0"},
		{"go install of a tag", "dev", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}},
			"flexslot-register v1.2.0 go1.26.0"},
		{"-ldflags wins", "v1.3.0-rc1", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.0"}, Settings: vcs},
			"flexslot-register v1.3.0-rc1 (revision e9fc458a1b2c, 2026-11-26T13:50:00Z) go1.26.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describeBuild(tt.set, tt.info); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
