// replaced by the readers
