from theodoi.cli import main

raise SystemExit(main())
