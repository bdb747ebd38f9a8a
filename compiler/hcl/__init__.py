"""HCL native-syntax reading: a fast hand-written lexer and parser producing positioned ASTs."""
