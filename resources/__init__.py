"""Files the app loads at run time: the default model and the icon."""
