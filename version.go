package main

import "runtime/debug"

// version is set at build time with -ldflags "-X main.version=v1.2.3"; a
// `go install` of a tagged module reports its module version instead.
var version = "dev"

// buildVersion is the -ldflags version, else the module version of a
// `go install`, else "dev".
func buildVersion() string {
	if version != "dev" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}
