package telegram

// russian is being translated; until then Russian speakers read English.
var russian = english
