from ixreview.cli import main

main()
