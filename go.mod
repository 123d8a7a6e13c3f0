module flexslot-register

go 1.26
