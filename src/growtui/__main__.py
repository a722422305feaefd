from growtui.cli import main

main()
