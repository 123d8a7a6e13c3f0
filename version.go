package main

import (
	"runtime/debug"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; a
// `go install` of a tagged module reports its module version instead.
var version = "dev"

// buildVersion is the -ldflags version, else the module version of a
// `go install`, else "dev".
func buildVersion() string {
	info, _ := debug.ReadBuildInfo()
	return moduleVersion(version, info)
}

// moduleVersion is set when it is not "dev", else the module version in
// info when the build has one.
func moduleVersion(set string, info *debug.BuildInfo) string {
	if set != "dev" || info == nil || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return set
	}
	return info.Main.Version
}

// versionLine is what --version prints: the version, then what the build
// info knows of the source (the VCS revision, its time, whether the tree had
// uncommitted changes) and the Go release that built it.
func versionLine() string {
	info, _ := debug.ReadBuildInfo()
	return describeBuild(version, info)
}

// describeBuild formats versionLine from its parts.
func describeBuild(set string, info *debug.BuildInfo) string {
	line := "flexslot-register " + moduleVersion(set, info)
	if info == nil {
		return line
	}
	var source []string
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		source = append(source, "revision "+rev[:min(12, len(rev))])
	}
	if t := settings["vcs.time"]; t != "" {
		source = append(source, t)
	}
	if settings["vcs.modified"] == "true" {
		source = append(source, "modified")
	}
	if len(source) > 0 {
		line += " (" + strings.Join(source, ", ") + ")"
	}
	if info.GoVersion != "" {
		line += " " + info.GoVersion
	}
	return line
}
