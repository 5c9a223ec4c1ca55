# SYNTAX TEST "iproute2.injection" "ip, ifconfig and route lines of Linux shell scripts"
ip tunnel add aws0 mode ipip remote 1.1.1.1 local any ttl 64
# <-- support.function.command.iproute2
#  ^^^^^^ keyword.other.object.iproute2
#         ^^^ keyword.control.subcommand.iproute2
#             ^^^^ entity.name.type.interface.iproute2
#                  ^^^^ keyword.other.option.iproute2
#                       ^^^^ support.constant.tunnel-mode.iproute2
#                            ^^^^^^ keyword.other.option.iproute2
#                                   ^^^^^^^ constant.numeric.ipv4.iproute2
#                                                 ^^^ constant.language.iproute2
#                                                         ^^ constant.numeric.integer.iproute2
sudo /sbin/ip -6 tunnel add bk0 mode ip6gre remote 2001:db8::1 encaplimit none # backup
#    ^^^^^^ support.function.path.iproute2
#          ^^ support.function.command.iproute2
#             ^^ variable.parameter.option.iproute2
#                                    ^^^^^^ support.constant.tunnel-mode.iproute2
#                                                  ^^^^^^^^^^^ constant.numeric.ipv6.iproute2
#                                                              ^^^^^^^^^^ keyword.other.option.iproute2
#                                                                         ^^^^ constant.language.iproute2
#                                                                              ^^^^^^^^ comment.line.number-sign.iproute2
ip link add vxlan0 type vxlan id 1 dev eth0 dstport 4789
#           ^^^^^^ entity.name.type.interface.iproute2
#                  ^^^^ keyword.other.option.iproute2
#                       ^^^^^ support.constant.tunnel-mode.iproute2
#                                      ^^^^ entity.name.type.interface.iproute2
ip link add gre1 type gre \
    remote $PEER local "${ME}"
#   ^^^^^^ keyword.other.option.iproute2
#          ^^^^^ variable.other.normal.iproute2
#                      ^^^^^^^ string.quoted.double.iproute2
ip tunnel 6rd dev sit1 6rd-prefix 2001:db8:10::/48 6rd-relay_prefix 0.0.0.0/0
#         ^^^ keyword.control.subcommand.iproute2
#                 ^^^^ entity.name.type.interface.iproute2
#                      ^^^^^^^^^^ keyword.other.option.iproute2
#                                 ^^^^^^^^^^^^^^^^ constant.numeric.ipv6.iproute2
#                                                  ^^^^^^^^^^^^^^^^ keyword.other.option.iproute2
#                                                                   ^^^^^^^^^ constant.numeric.ipv4.iproute2
ip -6 route add ::/0 via ::10.255.255.222 dev sit1
#               ^^^^ constant.numeric.ipv6.iproute2
#                    ^^^ keyword.other.option.iproute2
#                        ^^^^^^^^^^^^^^^^ constant.numeric.ipv6.iproute2
ifconfig aws0 172.22.2.2/24 mtu 1280 up
# <-------- support.function.command.iproute2
#        ^^^^ entity.name.type.interface.iproute2
#             ^^^^^^^^^^^^^ constant.numeric.ipv4.iproute2
#                           ^^^ keyword.other.option.iproute2
#                               ^^^^ constant.numeric.integer.iproute2
route add -net 10.10.0.0/24 dev aws0
#         ^^^^ variable.parameter.option.iproute2
#              ^^^^^^^^^^^^ constant.numeric.ipv4.iproute2
#                               ^^^^ entity.name.type.interface.iproute2
IPV6TUNNELIPV4=any
# <-------------- support.variable.ifcfg.iproute2
#             ^ keyword.operator.assignment.iproute2
echo ip is not highlighted here; zip -r a.zip dir
#    ^^ - support.function.command.iproute2
#                                ^^^ - support.function.command.iproute2
