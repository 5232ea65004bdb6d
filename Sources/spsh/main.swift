print("spsh")
