region = "GRA9"
flavor = {
