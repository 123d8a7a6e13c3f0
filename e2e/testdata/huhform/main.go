// Command huhform is a plain huh v2 form of one text input, titled as the
// wizard's first field: what a key costs in huh itself, beside the wizard.
package main

import (
	"fmt"
	"os"

	"charm.land/huh/v2"
)

func main() {
	var name string
	form := huh.NewForm(huh.NewGroup(huh.NewInput().Title("Application name").Value(&name)))
	if err := form.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
