#!version:1.0.0.1
## Test fixture in the shape the Yealink administrator guides give a boot file ("Boot Files": the header line,
## then include:config entries fetched top to bottom, then overwrite_mode) and as FusionPBX ships it in
## resources/templates/provision/yealink/t46s/y000000000000.boot.
include:config "y000000000066.cfg"
include:config "001565aabbcc.cfg"
overwrite_mode = 1
