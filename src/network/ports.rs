//! Protocols, port sets, the traffic a security-group or NACL rule allows,
//! and a catalogue of well-known sensitive services.

use std::error::Error;
use std::fmt;
use std::ops::RangeInclusive;
use std::sync::LazyLock;

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::intervals::Ranges;

// Short names for the service catalogue below.
use PortClass::{Admin, Database, Other as Plain, Web};
use Protocol::{Tcp, Udp};

/// IANA protocol numbers that AWS names (IANA "Assigned Internet Protocol
/// Numbers" registry).
const ICMP: u8 = 1;
const TCP: u8 = 6;
const UDP: u8 = 17;
const ICMPV6: u8 = 58;

/// An IP protocol as written in a security-group or NACL rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    /// `-1` / `all`: every protocol, every port.
    All,
    /// TCP, IANA protocol 6.
    Tcp,
    /// UDP, IANA protocol 17.
    Udp,
    /// ICMP, IANA protocol 1.
    Icmp,
    /// ICMPv6, IANA protocol 58.
    Icmpv6,
    /// Any other IANA protocol number (e.g. 47 GRE, 50 ESP). Values 1, 6, 17
    /// and 58 are always represented by the named variants; `Traffic`
    /// normalises them if constructed by hand.
    Other(u8),
}

impl Protocol {
    /// Parses a protocol as AWS security groups and NACLs accept it:
    /// `-1` or `all`; the names `tcp`, `udp`, `icmp`, `icmpv6` in any letter
    /// case; or a decimal protocol number 0..=255 (`6`, `17`, `1` and `58`
    /// map to the named variants).
    pub fn parse(text: &str) -> Result<Protocol, PortError> {
        let unknown = || PortError::UnknownProtocol(text.to_owned());
        if text == "-1" || text.eq_ignore_ascii_case("all") {
            return Ok(Protocol::All);
        }
        for (name, protocol) in [
            ("tcp", Protocol::Tcp),
            ("udp", Protocol::Udp),
            ("icmp", Protocol::Icmp),
            ("icmpv6", Protocol::Icmpv6),
        ] {
            if text.eq_ignore_ascii_case(name) {
                return Ok(protocol);
            }
        }
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unknown());
        }
        // All digits: parsing fails only when the number exceeds 255.
        text.parse::<u8>()
            .map(Protocol::from_number)
            .map_err(|_| unknown())
    }

    /// The protocol for an IANA protocol number, using the named variants
    /// for 1, 6, 17 and 58.
    pub fn from_number(number: u8) -> Protocol {
        match number {
            ICMP => Protocol::Icmp,
            TCP => Protocol::Tcp,
            UDP => Protocol::Udp,
            ICMPV6 => Protocol::Icmpv6,
            other => Protocol::Other(other),
        }
    }

    /// The IANA protocol number, or `None` for [`Protocol::All`].
    pub fn number(self) -> Option<u8> {
        match self {
            Protocol::All => None,
            Protocol::Tcp => Some(TCP),
            Protocol::Udp => Some(UDP),
            Protocol::Icmp => Some(ICMP),
            Protocol::Icmpv6 => Some(ICMPV6),
            Protocol::Other(n) => Some(n),
        }
    }
}

impl fmt::Display for Protocol {
    /// `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or `protocol N`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Protocol::All => f.write_str("all"),
            Protocol::Tcp => f.write_str("tcp"),
            Protocol::Udp => f.write_str("udp"),
            Protocol::Icmp => f.write_str("icmp"),
            Protocol::Icmpv6 => f.write_str("icmpv6"),
            Protocol::Other(n) => write!(f, "protocol {n}"),
        }
    }
}

/// An invalid protocol or port in a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum PortError {
    /// Not `-1`, `all`, a known name, or a number 0..=255.
    UnknownProtocol(String),
    /// A TCP/UDP port outside 0..=65535 (including `-1`, which AWS accepts
    /// only with protocol `-1` or ICMP).
    PortOutOfRange {
        /// `Tcp` or `Udp`.
        protocol: Protocol,
        /// The offending value.
        port: i64,
    },
    /// `from_port` is greater than `to_port`.
    InvertedRange {
        /// `Tcp` or `Udp`.
        protocol: Protocol,
        /// The rule's `from_port`.
        from_port: i64,
        /// The rule's `to_port`.
        to_port: i64,
    },
    /// An ICMP type or code outside -1..=255 (`-1` means "all").
    IcmpValueOutOfRange {
        /// `Icmp` or `Icmpv6`.
        protocol: Protocol,
        /// `"type"` (the rule's `from_port`) or `"code"` (its `to_port`).
        field: &'static str,
        /// The offending value.
        value: i64,
    },
}

impl fmt::Display for PortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortError::UnknownProtocol(text) => write!(
                f,
                "'{text}' is not a valid protocol: expected -1, all, tcp, udp, icmp, \
                 icmpv6 or a protocol number 0-255"
            ),
            PortError::PortOutOfRange { protocol, port } => {
                write!(f, "{protocol} port {port} is out of range (0-65535)")
            }
            PortError::InvertedRange {
                protocol,
                from_port,
                to_port,
            } => write!(
                f,
                "{protocol} port range {from_port}-{to_port} is inverted: \
                 from_port is greater than to_port"
            ),
            PortError::IcmpValueOutOfRange {
                protocol,
                field,
                value,
            } => write!(
                f,
                "{protocol} {field} {value} is out of range (-1 for all, or 0-255)"
            ),
        }
    }
}

impl Error for PortError {}

/// `a` or `a-b`, the way engineers write port and protocol ranges.
fn range_text<T: fmt::Display + PartialEq>(range: &RangeInclusive<T>) -> String {
    if range.start() == range.end() {
        range.start().to_string()
    } else {
        format!("{}-{}", range.start(), range.end())
    }
}

fn serialize_ranges<S, T>(
    ranges: impl ExactSizeIterator<Item = RangeInclusive<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: fmt::Display + PartialEq,
{
    let mut seq = serializer.serialize_seq(Some(ranges.len()))?;
    for range in ranges {
        seq.serialize_element(&range_text(&range))?;
    }
    seq.end()
}

/// An exact set of TCP or UDP ports (0..=65535).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortSet(Ranges<u16>);

impl PortSet {
    /// No ports.
    pub fn empty() -> Self {
        Self(Ranges::new())
    }

    /// Every port, 0-65535 (AWS writes this as `from_port = 0, to_port = 65535`).
    pub fn all() -> Self {
        Self::from_range(u16::MIN, u16::MAX)
    }

    /// One port.
    pub fn single(port: u16) -> Self {
        Self::from_range(port, port)
    }

    /// Ports `from..=to`; empty when `from > to`.
    pub fn from_range(from: u16, to: u16) -> Self {
        Self(Ranges::from_range(from..=to))
    }

    /// Ports in `self` or `other`.
    pub fn union(&self, other: &Self) -> Self {
        Self(self.0.union(&other.0))
    }

    /// Ports in both `self` and `other`.
    pub fn intersection(&self, other: &Self) -> Self {
        Self(self.0.intersection(&other.0))
    }

    /// Ports in `self` but not in `other`.
    pub fn difference(&self, other: &Self) -> Self {
        Self(self.0.difference(&other.0))
    }

    /// Whether every port of `self` is in `other`.
    pub fn is_subset_of(&self, other: &Self) -> bool {
        self.0.is_subset(&other.0)
    }

    /// Whether `port` is in the set.
    pub fn contains(&self, port: u16) -> bool {
        self.0.contains(port)
    }

    /// Whether the set has no ports.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether the set has all 65536 ports.
    pub fn is_all(&self) -> bool {
        self.0.is_universal()
    }

    /// Number of ports (0..=65536).
    pub fn len(&self) -> u32 {
        // At most 65,536.
        u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }

    /// The maximal ranges of consecutive ports, ascending.
    pub fn ranges(&self) -> impl ExactSizeIterator<Item = RangeInclusive<u16>> + '_ {
        self.0.ranges()
    }
}

impl fmt::Display for PortSet {
    /// `22, 8000-8080`, or `none` for the empty set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        let parts: Vec<String> = self.ranges().map(|r| range_text(&r)).collect();
        f.write_str(&parts.join(", "))
    }
}

impl Serialize for PortSet {
    /// Serialised as a list of range strings: `["22", "8000-8080"]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_ranges(self.ranges(), serializer)
    }
}

/// Every protocol and port ([`Traffic::all`]).
static ALL_TRAFFIC: LazyLock<Traffic> = LazyLock::new(Traffic::build_all);

/// The set of (protocol, port) pairs one or more rules allow.
///
/// TCP and UDP are tracked port by port. Every other protocol, ICMP and
/// ICMPv6 included, is tracked only as allowed or not: ICMP type/code detail
/// is deliberately dropped, so a rule allowing only echo requests counts as
/// allowing ICMP. "All" (`-1`) is every protocol number with every port.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Traffic {
    tcp: PortSet,
    udp: PortSet,
    /// Protocol numbers allowed wholesale; never contains 6 or 17, which are
    /// kept port by port in `tcp`/`udp`.
    whole: Ranges<u8>,
}

impl Traffic {
    /// No traffic.
    pub fn none() -> Self {
        Self::default()
    }

    /// Every protocol and port, as protocol `-1` allows: a copy of one shared set, as
    /// copying costs less than merging the protocol set's three ranges again (NACL
    /// evaluation and reachability start from it).
    pub fn all() -> Self {
        ALL_TRAFFIC.clone()
    }

    fn build_all() -> Self {
        Self {
            tcp: PortSet::all(),
            udp: PortSet::all(),
            whole: Ranges::from_range(0..=TCP - 1)
                .union(&Ranges::from_range(TCP + 1..=UDP - 1))
                .union(&Ranges::from_range(UDP + 1..=u8::MAX)),
        }
    }

    /// TCP on `ports`.
    pub fn tcp(ports: PortSet) -> Self {
        Self {
            tcp: ports,
            ..Self::none()
        }
    }

    /// UDP on `ports`.
    pub fn udp(ports: PortSet) -> Self {
        Self {
            udp: ports,
            ..Self::none()
        }
    }

    /// All traffic of one protocol (all ports for TCP/UDP; everything for
    /// [`Protocol::All`]).
    pub fn protocol(protocol: Protocol) -> Self {
        match protocol.number().map(Protocol::from_number) {
            None | Some(Protocol::All) => Self::all(),
            Some(Protocol::Tcp) => Self::tcp(PortSet::all()),
            Some(Protocol::Udp) => Self::udp(PortSet::all()),
            Some(_) => Self {
                whole: protocol
                    .number()
                    .map_or_else(Ranges::new, |n| Ranges::from_range(n..=n)),
                ..Self::none()
            },
        }
    }

    /// The traffic one AWS rule allows, from its `protocol`, `from_port` and
    /// `to_port` (security groups and NACLs share these semantics):
    ///
    /// * `-1`/`all`: everything; the ports are ignored (AWS documents that
    ///   any port range given with `-1` is disregarded).
    /// * TCP/UDP: ports `from_port..=to_port`, both in 0..=65535 and
    ///   `from_port <= to_port`. `0, 65535` is every port; `0, 0` is port 0
    ///   only, as AWS stores it.
    /// * ICMP/ICMPv6: `from_port` is the ICMP type and `to_port` the code,
    ///   each -1 (all) or 0..=255; the result is "all ICMP" either way. AWS
    ///   also requires code -1 when the type is -1; that is not enforced
    ///   here because it cannot change the result.
    /// * Any other protocol number: that protocol on every port; AWS ignores
    ///   the port range for protocols other than TCP, UDP and ICMP(v6).
    pub fn from_rule(protocol: &str, from_port: i64, to_port: i64) -> Result<Traffic, PortError> {
        let protocol = Protocol::parse(protocol)?;
        match protocol {
            Protocol::Tcp => Ok(Self::tcp(rule_ports(protocol, from_port, to_port)?)),
            Protocol::Udp => Ok(Self::udp(rule_ports(protocol, from_port, to_port)?)),
            Protocol::Icmp | Protocol::Icmpv6 => {
                check_icmp(protocol, "type", from_port)?;
                check_icmp(protocol, "code", to_port)?;
                Ok(Self::protocol(protocol))
            }
            Protocol::All | Protocol::Other(_) => Ok(Self::protocol(protocol)),
        }
    }

    /// The allowed TCP ports.
    pub fn tcp_ports(&self) -> &PortSet {
        &self.tcp
    }

    /// The allowed UDP ports.
    pub fn udp_ports(&self) -> &PortSet {
        &self.udp
    }

    /// Whether a packet of `protocol` to `port` is allowed. The port only
    /// matters for TCP and UDP; for [`Protocol::All`] this asks whether
    /// everything is allowed.
    pub fn allows(&self, protocol: Protocol, port: u16) -> bool {
        match protocol.number().map(Protocol::from_number) {
            None | Some(Protocol::All) => self.is_all(),
            Some(Protocol::Tcp) => self.tcp.contains(port),
            Some(Protocol::Udp) => self.udp.contains(port),
            Some(_) => protocol.number().is_some_and(|n| self.whole.contains(n)),
        }
    }

    /// Whether every port of `protocol` is allowed (for ICMP and other
    /// port-less protocols: whether the protocol is allowed at all; for
    /// [`Protocol::All`]: whether everything is).
    pub fn covers_all_ports_of(&self, protocol: Protocol) -> bool {
        Self::protocol(protocol).is_subset_of(self)
    }

    /// Traffic allowed by `self` or `other`.
    pub fn union(&self, other: &Self) -> Self {
        Self {
            tcp: self.tcp.union(&other.tcp),
            udp: self.udp.union(&other.udp),
            whole: self.whole.union(&other.whole),
        }
    }

    /// Traffic allowed by both `self` and `other`.
    pub fn intersection(&self, other: &Self) -> Self {
        Self {
            tcp: self.tcp.intersection(&other.tcp),
            udp: self.udp.intersection(&other.udp),
            whole: self.whole.intersection(&other.whole),
        }
    }

    /// Traffic allowed by `self` but not by `other`.
    pub fn difference(&self, other: &Self) -> Self {
        Self {
            tcp: self.tcp.difference(&other.tcp),
            udp: self.udp.difference(&other.udp),
            whole: self.whole.difference(&other.whole),
        }
    }

    /// Whether nothing is allowed.
    pub fn is_empty(&self) -> bool {
        self.tcp.is_empty() && self.udp.is_empty() && self.whole.is_empty()
    }

    /// Whether everything is allowed (the same as protocol `-1`). Compared with one
    /// shared [`Traffic::all`]: checks ask this of every rule, and building the sets
    /// each time was a measurable part of the network checks.
    pub fn is_all(&self) -> bool {
        *self == *ALL_TRAFFIC
    }

    /// Whether everything `self` allows is also allowed by `other`.
    pub fn is_subset_of(&self, other: &Self) -> bool {
        self.tcp.is_subset_of(&other.tcp)
            && self.udp.is_subset_of(&other.udp)
            && self.whole.is_subset(&other.whole)
    }
}

fn rule_ports(protocol: Protocol, from_port: i64, to_port: i64) -> Result<PortSet, PortError> {
    let port = |value: i64| {
        u16::try_from(value).map_err(|_| PortError::PortOutOfRange {
            protocol,
            port: value,
        })
    };
    let (from, to) = (port(from_port)?, port(to_port)?);
    if from > to {
        return Err(PortError::InvertedRange {
            protocol,
            from_port,
            to_port,
        });
    }
    Ok(PortSet::from_range(from, to))
}

fn check_icmp(protocol: Protocol, field: &'static str, value: i64) -> Result<(), PortError> {
    if (-1..=255).contains(&value) {
        Ok(())
    } else {
        Err(PortError::IcmpValueOutOfRange {
            protocol,
            field,
            value,
        })
    }
}

impl Serialize for Traffic {
    /// `{"tcp": ["22"], "udp": [], "protocols": ["1", "47"]}`, where
    /// `protocols` lists protocol numbers allowed on every port.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Whole<'a>(&'a Ranges<u8>);
        impl Serialize for Whole<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_ranges(self.0.ranges(), serializer)
            }
        }
        let mut state = serializer.serialize_struct("Traffic", 3)?;
        state.serialize_field("tcp", &self.tcp)?;
        state.serialize_field("udp", &self.udp)?;
        state.serialize_field("protocols", &Whole(&self.whole))?;
        state.end()
    }
}

impl fmt::Display for Traffic {
    /// The [`describe`] phrases joined by `"; "`, or `no traffic`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = describe(self);
        if parts.is_empty() {
            f.write_str("no traffic")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}

/// What a well-known port is used for, from a security point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum PortClass {
    /// Remote administration, management APIs and file sharing (SSH, RDP,
    /// WinRM, SMB, Docker/Kubernetes APIs, SNMP, …).
    Admin,
    /// Databases, caches, search engines and message brokers.
    Database,
    /// Web servers (HTTP, HTTPS and their common alternates).
    Web,
    /// Anything else, including catalogued but non-sensitive services such
    /// as DNS and NTP.
    Other,
}

/// A well-known service on a TCP or UDP port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Service {
    /// Human name, e.g. `SSH`.
    pub name: &'static str,
    /// `Tcp` or `Udp`.
    pub protocol: Protocol,
    /// The port.
    pub port: u16,
    /// Security classification.
    pub class: PortClass,
}

const fn svc(port: u16, protocol: Protocol, name: &'static str, class: PortClass) -> Service {
    Service {
        name,
        protocol,
        port,
        class,
    }
}

/// Ports from the IANA Service Name and Transport Protocol Port Number
/// Registry, or the vendor's documented default where IANA differs or has
/// none. Sorted by port, then TCP before UDP. Consecutive ports of one
/// service share a name so that descriptions merge them into a range.
/// FTP data (tcp/20) is left out: in active-mode FTP the server connects
/// *from* port 20, so nothing listens on it.
const SERVICES: &[Service] = &[
    svc(21, Tcp, "FTP", Admin),
    svc(22, Tcp, "SSH", Admin),
    svc(23, Tcp, "Telnet", Admin),
    svc(25, Tcp, "SMTP", Plain),
    svc(53, Tcp, "DNS", Plain),
    svc(53, Udp, "DNS", Plain),
    svc(69, Udp, "TFTP", Admin),
    svc(80, Tcp, "HTTP", Web),
    svc(111, Tcp, "rpcbind", Admin),
    svc(111, Udp, "rpcbind", Admin),
    svc(123, Udp, "NTP", Plain),
    // Microsoft RPC endpoint mapper.
    svc(135, Tcp, "MS RPC", Admin),
    // NetBIOS name (udp/137), datagram (udp/138) and session (tcp/139).
    svc(137, Udp, "NetBIOS", Admin),
    svc(138, Udp, "NetBIOS", Admin),
    svc(139, Tcp, "NetBIOS", Admin),
    svc(161, Udp, "SNMP", Admin),
    svc(443, Tcp, "HTTPS", Web),
    // HTTP/3 runs over QUIC on udp/443 (RFC 9114).
    svc(443, Udp, "HTTP/3", Web),
    svc(445, Tcp, "SMB", Admin),
    svc(500, Udp, "IPsec IKE", Plain),
    // IPMI over LAN (RMCP): baseboard management controllers.
    svc(623, Udp, "IPMI", Admin),
    // tcp/1433 is the engine, tcp/1434 the dedicated admin connection,
    // udp/1434 the SQL Server Browser service.
    svc(1433, Tcp, "Microsoft SQL Server", Database),
    svc(1434, Tcp, "Microsoft SQL Server", Database),
    svc(1434, Udp, "SQL Server Browser", Database),
    svc(1521, Tcp, "Oracle Database", Database),
    svc(2049, Tcp, "NFS", Admin),
    svc(2049, Udp, "NFS", Admin),
    svc(2181, Tcp, "ZooKeeper", Database),
    // Docker Engine API: 2375 plain, 2376 TLS.
    svc(2375, Tcp, "Docker API", Admin),
    svc(2376, Tcp, "Docker API", Admin),
    // etcd: 2379 client, 2380 peer.
    svc(2379, Tcp, "etcd", Admin),
    svc(2380, Tcp, "etcd", Admin),
    svc(3306, Tcp, "MySQL", Database),
    svc(3389, Tcp, "RDP", Admin),
    svc(3389, Udp, "RDP", Admin),
    svc(4500, Udp, "IPsec NAT traversal", Plain),
    svc(5432, Tcp, "PostgreSQL", Database),
    svc(5439, Tcp, "Amazon Redshift", Database),
    // VNC display :N listens on 5900+N; IANA registers 5900 (rfb), the
    // next displays are a universal convention.
    svc(5900, Tcp, "VNC", Admin),
    svc(5901, Tcp, "VNC", Admin),
    svc(5902, Tcp, "VNC", Admin),
    svc(5903, Tcp, "VNC", Admin),
    svc(5984, Tcp, "CouchDB", Database),
    // WinRM: 5985 HTTP, 5986 HTTPS.
    svc(5985, Tcp, "WinRM", Admin),
    svc(5986, Tcp, "WinRM", Admin),
    svc(6379, Tcp, "Redis", Database),
    svc(6443, Tcp, "Kubernetes API", Admin),
    // Cassandra inter-node: 7000 plain, 7001 TLS.
    svc(7000, Tcp, "Cassandra inter-node", Database),
    svc(7001, Tcp, "Cassandra inter-node", Database),
    svc(7687, Tcp, "Neo4j Bolt", Database),
    svc(8080, Tcp, "HTTP alternate", Web),
    svc(8086, Tcp, "InfluxDB", Database),
    svc(8182, Tcp, "Amazon Neptune", Database),
    svc(8443, Tcp, "HTTPS alternate", Web),
    svc(8529, Tcp, "ArangoDB", Database),
    svc(9042, Tcp, "Cassandra CQL", Database),
    svc(9092, Tcp, "Kafka", Database),
    svc(9200, Tcp, "Elasticsearch", Database),
    svc(9300, Tcp, "Elasticsearch transport", Database),
    svc(10250, Tcp, "Kubelet API", Admin),
    svc(11211, Tcp, "Memcached", Database),
    svc(11211, Udp, "Memcached", Database),
    // MongoDB: 27017 mongod/mongos, 27018 shard, 27019 config server.
    svc(27017, Tcp, "MongoDB", Database),
    svc(27018, Tcp, "MongoDB", Database),
    svc(27019, Tcp, "MongoDB", Database),
];

/// Whether `traffic` reaches a catalogued service of `class`: [`sensitive_services`]
/// is not empty (without building the list; every rule of every root is asked).
pub fn opens_service(traffic: &Traffic, class: PortClass) -> bool {
    services_reached(traffic, class).next().is_some()
}

/// Whether `port` of `protocol` (TCP or UDP) is the port of a service of `class`.
pub fn is_service_port(protocol: Protocol, port: u16, class: PortClass) -> bool {
    SERVICES
        .iter()
        .any(|s| s.class == class && s.protocol == protocol && s.port == port)
}

/// The catalogued services of `class` that `traffic` reaches, ascending by
/// port (TCP before UDP on the same port).
pub fn sensitive_services(traffic: &Traffic, class: PortClass) -> Vec<&'static Service> {
    services_reached(traffic, class).collect()
}

/// Every catalogued service of `class`: what [`sensitive_services`] finds in all traffic.
pub fn services_of(class: PortClass) -> impl Iterator<Item = &'static Service> {
    SERVICES.iter().filter(move |s| s.class == class)
}

/// The services of `class` that `traffic` reaches, in catalogue order. The catalogue is
/// sorted by port and holds only TCP and UDP services, so each protocol's ports are
/// matched against its allowed ranges in one walk ([`AscendingPorts`]) instead of a
/// search of the set per service.
fn services_reached(
    traffic: &Traffic,
    class: PortClass,
) -> impl Iterator<Item = &'static Service> + '_ {
    let mut tcp = AscendingPorts::new(&traffic.tcp);
    let mut udp = AscendingPorts::new(&traffic.udp);
    services_of(class).filter(move |s| match s.protocol {
        Protocol::Tcp => tcp.contains(s.port),
        Protocol::Udp => udp.contains(s.port),
        _ => traffic.allows(s.protocol, s.port),
    })
}

/// Answers whether ports asked in ascending order are in a [`PortSet`], walking its
/// ranges once.
struct AscendingPorts<'p> {
    /// The runs of the set from the first that does not end before the last port asked.
    runs: &'p [(u16, u16)],
}

impl<'p> AscendingPorts<'p> {
    fn new(ports: &'p PortSet) -> Self {
        AscendingPorts {
            runs: ports.0.runs(),
        }
    }

    /// Whether `port` is in the set; `port` must not be below any port asked before.
    fn contains(&mut self, port: u16) -> bool {
        while let Some((&(first, last), rest)) = self.runs.split_first() {
            if last >= port {
                return first <= port;
            }
            self.runs = rest;
        }
        false
    }
}

/// A run of consecutive ports of one service, e.g. MongoDB 27017-27019.
struct ServiceRun {
    name: &'static str,
    ports: RangeInclusive<u16>,
    sensitive: bool,
}

fn service_runs(protocol: Protocol, range: &RangeInclusive<u16>) -> Vec<ServiceRun> {
    let mut runs: Vec<ServiceRun> = Vec::new();
    for s in SERVICES
        .iter()
        .filter(|s| s.protocol == protocol && range.contains(&s.port))
    {
        match runs.last_mut() {
            Some(run) if run.name == s.name && run.ports.end().checked_add(1) == Some(s.port) => {
                run.ports = *run.ports.start()..=s.port;
            }
            _ => runs.push(ServiceRun {
                name: s.name,
                ports: s.port..=s.port,
                sensitive: s.class != PortClass::Other,
            }),
        }
    }
    runs
}

fn describe_ports(protocol: Protocol, ports: &PortSet, out: &mut Vec<String>) {
    if ports.is_all() {
        out.push(format!("all ports ({protocol}/0-65535)"));
        return;
    }
    for range in ports.ranges() {
        let span = format!("{protocol}/{}", range_text(&range));
        let runs = service_runs(protocol, &range);
        if let [only] = runs.as_slice()
            && only.ports == range
        {
            out.push(format!("{} ({span})", only.name));
            continue;
        }
        let named: Vec<String> = runs
            .iter()
            .filter(|run| run.sensitive)
            .map(|run| format!("{} ({protocol}/{})", run.name, range_text(&run.ports)))
            .collect();
        match named.split_last() {
            None => out.push(span),
            Some((last, [])) => out.push(format!("{span}, including {last}")),
            Some((last, rest)) => {
                out.push(format!("{span}, including {} and {last}", rest.join(", ")));
            }
        }
    }
}

/// Describes `traffic` the way an engineer would, one phrase per port range
/// or protocol: `all traffic`; `SSH (tcp/22)`; `MongoDB (tcp/27017-27019)`;
/// `all ports (tcp/0-65535)`; `tcp/8000-8080, including HTTP alternate
/// (tcp/8080)`; `ICMP`; `protocols 47, 50-51`. Ranges list the sensitive
/// (admin, database, web) services they contain. Empty traffic gives an
/// empty list.
pub fn describe(traffic: &Traffic) -> Vec<String> {
    if traffic.is_all() {
        return vec!["all traffic".to_owned()];
    }
    let mut out = Vec::new();
    describe_ports(Protocol::Tcp, &traffic.tcp, &mut out);
    describe_ports(Protocol::Udp, &traffic.udp, &mut out);
    if traffic.whole.contains(ICMP) {
        out.push("ICMP".to_owned());
    }
    if traffic.whole.contains(ICMPV6) {
        out.push("ICMPv6".to_owned());
    }
    let others = traffic
        .whole
        .difference(&Ranges::from_range(ICMP..=ICMP))
        .difference(&Ranges::from_range(ICMPV6..=ICMPV6));
    if !others.is_empty() {
        let label = if others.len() == 1 {
            "protocol"
        } else {
            "protocols"
        };
        let list: Vec<String> = others.ranges().map(|r| range_text(&r)).collect();
        out.push(format!("{label} {}", list.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rule(protocol: &str, from: i64, to: i64) -> Traffic {
        Traffic::from_rule(protocol, from, to).unwrap()
    }

    fn rule_err(protocol: &str, from: i64, to: i64) -> PortError {
        Traffic::from_rule(protocol, from, to).unwrap_err()
    }

    // ---- protocol parsing ---------------------------------------------

    #[test]
    fn parses_protocols() {
        for (text, expected) in [
            ("-1", Protocol::All),
            ("all", Protocol::All),
            ("ALL", Protocol::All),
            ("tcp", Protocol::Tcp),
            ("TCP", Protocol::Tcp),
            ("6", Protocol::Tcp),
            ("udp", Protocol::Udp),
            ("17", Protocol::Udp),
            ("icmp", Protocol::Icmp),
            ("Icmp", Protocol::Icmp),
            ("1", Protocol::Icmp),
            ("icmpv6", Protocol::Icmpv6),
            ("ICMPv6", Protocol::Icmpv6),
            ("58", Protocol::Icmpv6),
            ("0", Protocol::Other(0)),
            ("47", Protocol::Other(47)),
            ("255", Protocol::Other(255)),
            ("006", Protocol::Tcp),
        ] {
            assert_eq!(Protocol::parse(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn rejects_unknown_protocols() {
        for text in [
            "", "-2", "256", "+6", " tcp", "tcp ", "gre", "icmp6", "1.0", "-0",
        ] {
            assert_eq!(
                Protocol::parse(text),
                Err(PortError::UnknownProtocol(text.to_owned())),
                "{text:?}"
            );
        }
        assert_eq!(
            Protocol::parse("gre").unwrap_err().to_string(),
            "'gre' is not a valid protocol: expected -1, all, tcp, udp, icmp, icmpv6 or a \
             protocol number 0-255"
        );
    }

    #[test]
    fn protocol_numbers_round_trip() {
        for n in 0..=u8::MAX {
            assert_eq!(Protocol::from_number(n).number(), Some(n));
        }
        assert_eq!(Protocol::All.number(), None);
        assert_eq!(Protocol::Other(47).to_string(), "protocol 47");
    }

    // ---- rules ---------------------------------------------------------

    #[test]
    fn all_protocol_ignores_ports() {
        for (from, to) in [(0, 0), (-1, -1), (0, 65535), (22, 22), (99999, -5)] {
            assert!(rule("-1", from, to).is_all());
            assert!(rule("all", from, to).is_all());
        }
        assert_eq!(describe(&rule("-1", 0, 0)), ["all traffic"]);
    }

    #[test]
    fn tcp_and_udp_ranges() {
        let ssh = rule("tcp", 22, 22);
        assert_eq!(ssh.tcp_ports(), &PortSet::single(22));
        assert!(ssh.udp_ports().is_empty());
        assert!(ssh.allows(Protocol::Tcp, 22));
        assert!(!ssh.allows(Protocol::Udp, 22));
        assert!(!ssh.allows(Protocol::Other(6), 23));
        assert!(ssh.allows(Protocol::Other(6), 22));

        let all_tcp = rule("6", 0, 65535);
        assert!(all_tcp.covers_all_ports_of(Protocol::Tcp));
        assert!(!all_tcp.covers_all_ports_of(Protocol::Udp));
        assert!(!all_tcp.is_all());
        assert_eq!(describe(&all_tcp), ["all ports (tcp/0-65535)"]);

        let port_zero = rule("tcp", 0, 0);
        assert_eq!(port_zero.tcp_ports().len(), 1);
        assert!(port_zero.allows(Protocol::Tcp, 0));
        assert!(!port_zero.allows(Protocol::Tcp, 1));

        let dns = rule("udp", 53, 53);
        assert_eq!(describe(&dns), ["DNS (udp/53)"]);
        assert_eq!(rule("UDP", 1, 65535).udp_ports().len(), 65535);
    }

    #[test]
    fn icmp_is_a_flag() {
        for (from, to) in [(-1, -1), (8, 0), (3, 4), (255, 255), (8, -1)] {
            let t = rule("icmp", from, to);
            assert!(t.covers_all_ports_of(Protocol::Icmp), "{from} {to}");
            assert!(t.allows(Protocol::Icmp, 0));
            assert!(t.tcp_ports().is_empty() && t.udp_ports().is_empty());
            assert_eq!(t, rule("1", -1, -1));
        }
        let v6 = rule("icmpv6", -1, -1);
        assert!(v6.covers_all_ports_of(Protocol::Icmpv6));
        assert!(!v6.covers_all_ports_of(Protocol::Icmp));
        assert_eq!(describe(&v6), ["ICMPv6"]);
        assert_eq!(
            rule_err("icmp", 256, 0),
            PortError::IcmpValueOutOfRange {
                protocol: Protocol::Icmp,
                field: "type",
                value: 256
            }
        );
        assert_eq!(
            rule_err("icmpv6", 0, -2).to_string(),
            "icmpv6 code -2 is out of range (-1 for all, or 0-255)"
        );
    }

    #[test]
    fn other_protocols_ignore_ports() {
        let gre = rule("47", 0, 0);
        assert!(gre.covers_all_ports_of(Protocol::Other(47)));
        assert!(gre.allows(Protocol::Other(47), 1234));
        assert!(!gre.allows(Protocol::Other(50), 0));
        assert_eq!(gre, rule("47", -1, 70000));
        assert_eq!(describe(&gre), ["protocol 47"]);
        assert_eq!(
            Traffic::protocol(Protocol::Other(6)),
            Traffic::tcp(PortSet::all())
        );
        assert_eq!(Traffic::protocol(Protocol::Other(1)), rule("icmp", -1, -1));
    }

    #[test]
    fn rule_errors() {
        assert_eq!(
            rule_err("tcp", 100, 80),
            PortError::InvertedRange {
                protocol: Protocol::Tcp,
                from_port: 100,
                to_port: 80
            }
        );
        assert_eq!(
            rule_err("tcp", 100, 80).to_string(),
            "tcp port range 100-80 is inverted: from_port is greater than to_port"
        );
        assert_eq!(
            rule_err("udp", 0, 65536),
            PortError::PortOutOfRange {
                protocol: Protocol::Udp,
                port: 65536
            }
        );
        assert_eq!(
            rule_err("tcp", -1, -1).to_string(),
            "tcp port -1 is out of range (0-65535)"
        );
        assert_eq!(
            rule_err("tcp", i64::MIN, i64::MAX),
            PortError::PortOutOfRange {
                protocol: Protocol::Tcp,
                port: i64::MIN
            }
        );
        assert_eq!(
            rule_err("sctp", 0, 0),
            PortError::UnknownProtocol("sctp".into())
        );
    }

    // ---- catalogue and descriptions -----------------------------------

    #[test]
    fn catalogue_is_sorted_and_unique() {
        for pair in SERVICES.windows(2) {
            assert!(
                (pair[0].port, pair[0].protocol) < (pair[1].port, pair[1].protocol),
                "{:?} then {:?}",
                pair[0],
                pair[1]
            );
        }
        assert!(
            SERVICES
                .iter()
                .all(|s| matches!(s.protocol, Protocol::Tcp | Protocol::Udp))
        );
    }

    #[test]
    fn finds_sensitive_services_in_order() {
        let t = rule("tcp", 20, 3389).union(&rule("udp", 0, 200));
        let admin: Vec<(&str, Protocol, u16)> = sensitive_services(&t, PortClass::Admin)
            .iter()
            .map(|s| (s.name, s.protocol, s.port))
            .collect();
        assert_eq!(
            admin[..4],
            [
                ("FTP", Protocol::Tcp, 21),
                ("SSH", Protocol::Tcp, 22),
                ("Telnet", Protocol::Tcp, 23),
                ("TFTP", Protocol::Udp, 69),
            ]
        );
        assert!(admin.contains(&("SNMP", Protocol::Udp, 161)));
        assert_eq!(admin.last(), Some(&("RDP", Protocol::Tcp, 3389)));
        let ports: Vec<u16> = admin.iter().map(|s| s.2).collect();
        assert!(ports.windows(2).all(|w| w[0] <= w[1]));
        let web: Vec<&str> = sensitive_services(&t, PortClass::Web)
            .iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(web, ["HTTP", "HTTPS"]);
        assert_eq!(
            sensitive_services(&Traffic::all(), PortClass::Database).len(),
            25
        );
        assert!(sensitive_services(&rule("icmp", -1, -1), PortClass::Admin).is_empty());
    }

    #[test]
    fn describes_like_an_engineer() {
        assert_eq!(describe(&rule("tcp", 22, 22)), ["SSH (tcp/22)"]);
        assert_eq!(
            describe(&rule("tcp", 5432, 5432)),
            ["PostgreSQL (tcp/5432)"]
        );
        assert_eq!(
            describe(&rule("tcp", 27017, 27019)),
            ["MongoDB (tcp/27017-27019)"]
        );
        assert_eq!(describe(&rule("tcp", 8000, 8079)), ["tcp/8000-8079"]);
        assert_eq!(describe(&rule("tcp", 12345, 12345)), ["tcp/12345"]);
        assert_eq!(
            describe(&rule("tcp", 8000, 8080)),
            ["tcp/8000-8080, including HTTP alternate (tcp/8080)"]
        );
        assert_eq!(
            describe(&rule("tcp", 20, 25)),
            ["tcp/20-25, including FTP (tcp/21), SSH (tcp/22) and Telnet (tcp/23)"]
        );
        assert_eq!(describe(&rule("tcp", 5900, 5901)), ["VNC (tcp/5900-5901)"]);
        assert_eq!(
            describe(&rule("tcp", 5899, 5901)),
            ["tcp/5899-5901, including VNC (tcp/5900-5901)"]
        );
        assert_eq!(
            describe(&rule("tcp", 50, 60)),
            ["tcp/50-60"],
            "DNS is catalogued but not sensitive"
        );
        let mixed = rule("tcp", 22, 22)
            .union(&rule("tcp", 3389, 3389))
            .union(&rule("udp", 0, 65535))
            .union(&rule("icmp", -1, -1))
            .union(&rule("50", 0, 0))
            .union(&rule("51", 0, 0))
            .union(&rule("47", 0, 0));
        assert_eq!(
            describe(&mixed),
            [
                "SSH (tcp/22)",
                "RDP (tcp/3389)",
                "all ports (udp/0-65535)",
                "ICMP",
                "protocols 47, 50-51",
            ]
        );
        assert_eq!(
            mixed.to_string(),
            "SSH (tcp/22); RDP (tcp/3389); all ports (udp/0-65535); ICMP; protocols 47, 50-51"
        );
        assert!(describe(&Traffic::none()).is_empty());
        assert_eq!(Traffic::none().to_string(), "no traffic");
        let all_but_tcp = Traffic::all().difference(&Traffic::protocol(Protocol::Tcp));
        assert_eq!(
            describe(&all_but_tcp),
            [
                "all ports (udp/0-65535)",
                "ICMP",
                "ICMPv6",
                "protocols 0, 2-5, 7-16, 18-57, 59-255",
            ]
        );
    }

    #[test]
    fn port_set_display() {
        let p = PortSet::from_range(8000, 8080).union(&PortSet::single(22));
        assert_eq!(p.to_string(), "22, 8000-8080");
        assert_eq!(PortSet::empty().to_string(), "none");
        assert!(PortSet::from_range(10, 9).is_empty());
        assert_eq!(PortSet::all().len(), 65536);
    }

    // ---- property tests -------------------------------------------------

    const PORTS: usize = 65536;

    /// Port ranges biased towards overlaps: short ranges near a few hot
    /// spots plus fully random ones.
    fn port_range() -> impl Strategy<Value = (u16, u16)> {
        let start = prop_oneof![
            any::<u16>(),
            0u16..100,
            65436u16..=65535,
            (20u16..30).prop_map(|x| x * 100),
        ];
        (start, 0u16..3000, any::<bool>()).prop_map(|(s, len, huge)| {
            let end = if huge {
                u16::MAX
            } else {
                s.saturating_add(len)
            };
            (s, end)
        })
    }

    fn ports_from(ranges: &[(u16, u16)]) -> (PortSet, Vec<bool>) {
        let mut set = PortSet::empty();
        let mut bits = vec![false; PORTS];
        for &(s, e) in ranges {
            set = set.union(&PortSet::from_range(s, e));
            for bit in &mut bits[usize::from(s)..=usize::from(e)] {
                *bit = true;
            }
        }
        (set, bits)
    }

    fn to_bits(set: &PortSet) -> Vec<bool> {
        let mut bits = vec![false; PORTS];
        for r in set.ranges() {
            for bit in &mut bits[usize::from(*r.start())..=usize::from(*r.end())] {
                *bit = true;
            }
        }
        bits
    }

    fn zip_bits(a: &[bool], b: &[bool], f: impl Fn(bool, bool) -> bool) -> Vec<bool> {
        a.iter().zip(b).map(|(&x, &y)| f(x, y)).collect()
    }

    /// Reference model of `Traffic`: TCP and UDP port bitmaps plus one flag
    /// per protocol number for the port-less protocols.
    #[derive(Clone, Debug, PartialEq)]
    struct TrafficModel {
        tcp: Vec<bool>,
        udp: Vec<bool>,
        protos: Vec<bool>,
    }

    impl TrafficModel {
        fn empty() -> Self {
            TrafficModel {
                tcp: vec![false; PORTS],
                udp: vec![false; PORTS],
                protos: vec![false; 256],
            }
        }

        fn add_rule(&mut self, protocol: &str, from: i64, to: i64) {
            let ports = |bits: &mut Vec<bool>| {
                for p in from..=to {
                    bits[usize::try_from(p).unwrap()] = true;
                }
            };
            match protocol {
                "-1" => {
                    self.tcp = vec![true; PORTS];
                    self.udp = vec![true; PORTS];
                    self.protos = (0..256).map(|n| n != 6 && n != 17).collect();
                }
                "tcp" => ports(&mut self.tcp),
                "udp" => ports(&mut self.udp),
                "icmp" => self.protos[1] = true,
                "icmpv6" => self.protos[58] = true,
                number => self.protos[number.parse::<usize>().unwrap()] = true,
            }
        }

        fn combine(&self, other: &Self, f: impl Fn(bool, bool) -> bool + Copy) -> Self {
            TrafficModel {
                tcp: zip_bits(&self.tcp, &other.tcp, f),
                udp: zip_bits(&self.udp, &other.udp, f),
                protos: zip_bits(&self.protos, &other.protos, f),
            }
        }

        fn is_empty(&self) -> bool {
            !(self.tcp.contains(&true) || self.udp.contains(&true) || self.protos.contains(&true))
        }
    }

    fn model_of(t: &Traffic) -> TrafficModel {
        let mut protos = vec![false; 256];
        for n in 0..=u8::MAX {
            if !matches!(n, 6 | 17) {
                protos[usize::from(n)] = t.allows(Protocol::from_number(n), 0);
            }
        }
        TrafficModel {
            tcp: to_bits(t.tcp_ports()),
            udp: to_bits(t.udp_ports()),
            protos,
        }
    }

    fn any_rule() -> impl Strategy<Value = (String, i64, i64)> {
        let ported = (prop_oneof![Just("tcp"), Just("udp")], port_range())
            .prop_map(|(p, (s, e))| (p.to_owned(), i64::from(s), i64::from(e)));
        let portless = prop_oneof![
            Just("icmp".to_owned()),
            Just("icmpv6".to_owned()),
            (0u8..=255)
                .prop_filter("named protocols are covered above", |n| {
                    !matches!(n, 1 | 6 | 17 | 58)
                })
                .prop_map(|n| n.to_string()),
        ]
        .prop_map(|p| (p, -1, -1));
        prop_oneof![
            6 => ported,
            3 => portless,
            1 => Just(("-1".to_owned(), 0, 0)),
        ]
    }

    fn traffic_from(rules: &[(String, i64, i64)]) -> (Traffic, TrafficModel) {
        let mut t = Traffic::none();
        let mut m = TrafficModel::empty();
        for (p, from, to) in rules {
            t = t.union(&rule(p, *from, *to));
            m.add_rule(p, *from, *to);
        }
        (t, m)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn port_sets_match_brute_force(
            a in proptest::collection::vec(port_range(), 0..5),
            b in proptest::collection::vec(port_range(), 0..5),
            probes in proptest::collection::vec(any::<u16>(), 16),
        ) {
            let (sa, ma) = ports_from(&a);
            let (sb, mb) = ports_from(&b);
            prop_assert_eq!(to_bits(&sa), ma.clone());
            prop_assert_eq!(to_bits(&sa.union(&sb)), zip_bits(&ma, &mb, |x, y| x || y));
            prop_assert_eq!(to_bits(&sa.intersection(&sb)), zip_bits(&ma, &mb, |x, y| x && y));
            prop_assert_eq!(to_bits(&sa.difference(&sb)), zip_bits(&ma, &mb, |x, y| x && !y));
            prop_assert_eq!(sa.is_subset_of(&sb), ma.iter().zip(&mb).all(|(&x, &y)| !x || y));
            prop_assert_eq!(sa.is_empty(), !ma.contains(&true));
            prop_assert_eq!(sa.is_all(), !ma.contains(&false));
            let count = u32::try_from(ma.iter().filter(|&&x| x).count()).unwrap();
            prop_assert_eq!(sa.len(), count);
            for p in probes.into_iter().chain([0, u16::MAX]) {
                prop_assert_eq!(sa.contains(p), ma[usize::from(p)]);
            }
            // Ranges are maximal: ascending with a gap between neighbours.
            let ranges: Vec<_> = sa.ranges().collect();
            for pair in ranges.windows(2) {
                prop_assert!(u32::from(*pair[0].end()) + 1 < u32::from(*pair[1].start()));
            }
        }

        #[test]
        fn traffic_matches_brute_force(
            a in proptest::collection::vec(any_rule(), 0..4),
            b in proptest::collection::vec(any_rule(), 0..4),
        ) {
            let (ta, ma) = traffic_from(&a);
            let (tb, mb) = traffic_from(&b);
            prop_assert_eq!(model_of(&ta), ma.clone());
            prop_assert_eq!(model_of(&ta.union(&tb)), ma.combine(&mb, |x, y| x || y));
            prop_assert_eq!(model_of(&ta.intersection(&tb)), ma.combine(&mb, |x, y| x && y));
            prop_assert_eq!(model_of(&ta.difference(&tb)), ma.combine(&mb, |x, y| x && !y));
            prop_assert_eq!(ta.is_empty(), ma.is_empty());
            prop_assert_eq!(
                ta.is_subset_of(&tb),
                ma.combine(&mb, |x, y| x && !y).is_empty()
            );
            prop_assert_eq!(ta.is_all(), !ma.tcp.contains(&false)
                && !ma.udp.contains(&false)
                && ma.protos.iter().enumerate().all(|(n, &x)| x || n == 6 || n == 17));
            prop_assert_eq!(ta.covers_all_ports_of(Protocol::Tcp), !ma.tcp.contains(&false));
            prop_assert_eq!(ta.covers_all_ports_of(Protocol::Udp), !ma.udp.contains(&false));
            prop_assert_eq!(ta.covers_all_ports_of(Protocol::Icmp), ma.protos[1]);
            prop_assert_eq!(ta.covers_all_ports_of(Protocol::Other(47)), ma.protos[47]);
            prop_assert_eq!(ta.covers_all_ports_of(Protocol::All), ta.is_all());
            // The services found in one walk per protocol are those the set allows.
            for class in [PortClass::Admin, PortClass::Database, PortClass::Web, PortClass::Other] {
                let asked: Vec<&Service> = SERVICES
                    .iter()
                    .filter(|s| s.class == class && ta.allows(s.protocol, s.port))
                    .collect();
                prop_assert_eq!(sensitive_services(&ta, class), asked.clone());
                prop_assert_eq!(opens_service(&ta, class), !asked.is_empty());
            }
            // describe mentions every sensitive single port that is allowed.
            let text = describe(&ta).join("; ");
            for s in sensitive_services(&ta, PortClass::Admin) {
                prop_assert!(text.contains(s.name) || text.contains("all "), "{} in {}", s.name, text);
            }
        }

        #[test]
        fn from_rule_never_panics(
            protocol in prop_oneof![
                Just("tcp".to_owned()), Just("udp".to_owned()), Just("icmp".to_owned()),
                Just("-1".to_owned()), "\\PC{0,6}",
            ],
            from in any::<i64>(),
            to in any::<i64>(),
        ) {
            let _ = Traffic::from_rule(&protocol, from, to);
        }
    }
}
