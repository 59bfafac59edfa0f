// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {IDistributor} from "../../../contracts/interfaces/IDistributor.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";

// The handler lives in this .t.sol file: the invariant runner only fuzzes contracts from test files.
/// @notice Drives a Distributor with funders, a publisher proposing growing cumulative four-leaf trees (and, within
/// the documented bounds, dishonest ones whose leaves sum to more than their total), re-proposals of replaced and
/// vetoed roots, publisher changes, an auditor vetoing, resigning and being added again, time warps and claimers;
/// ghost variables record what the invariants check. The handler owns the Distributor.
contract DistributorHandler is Test {
    uint256 internal constant WINDOW = 1 days;
    uint256 internal constant MAX_STEP = 1e24;

    Distributor public immutable DISTRIBUTOR;
    TestToken public immutable TOKEN;
    address public immutable PUBLISHER;
    address public immutable AUDITOR;
    address public immutable OTHER_PUBLISHER = address(0xB0B);
    address[4] public accounts;
    address[3] internal _funders;

    // Ghosts.
    uint256 public ghostFunded;
    uint256 public ghostPaid;
    uint256 public wrongPayments;
    uint256 public unearnedPayments;
    uint256 public claimsMade;
    uint256 public topUps;
    uint256[4] internal _latest;
    bytes32[] public roots;
    mapping(bytes32 root => uint256[4]) internal _entitlements;
    mapping(bytes32 root => bool) public vetoed;
    uint256 public dishonestProposals;
    uint256 public vetoedReproposed;
    uint256 public reproposals;

    constructor(Distributor distributor, TestToken token, address publisher, address auditor) {
        DISTRIBUTOR = distributor;
        TOKEN = token;
        PUBLISHER = publisher;
        AUDITOR = auditor;
        for (uint256 i; i < 4; ++i) {
            accounts[i] = makeAddr(string(abi.encodePacked("artist", i)));
        }
        for (uint256 i; i < 3; ++i) {
            _funders[i] = makeAddr(string(abi.encodePacked("funder", i)));
        }
    }

    function entitlement(bytes32 root, uint256 i) external view returns (uint256) {
        return _entitlements[root][i];
    }

    function rootCount() external view returns (uint256) {
        return roots.length;
    }

    function fund(uint256 funderSeed, uint256 amount) external {
        address funder = _funders[funderSeed % 3];
        amount = bound(amount, 1, MAX_STEP);
        TOKEN.mint(funder, amount);
        vm.startPrank(funder);
        TOKEN.approve(address(DISTRIBUTOR), amount);
        DISTRIBUTOR.fund(amount);
        vm.stopPrank();
        ghostFunded += amount;
    }

    /// @dev Proposes the next cumulative tree: every leaf grows by a bounded step, at least one by 1,
    /// and the publisher funds whatever the total lacks in the same transaction.
    function propose(uint256 seed) external {
        uint256[4] memory next;
        uint256 total;
        for (uint256 i; i < 4; ++i) {
            next[i] = _latest[i] + bound(uint256(keccak256(abi.encode(seed, i))), i == 0 ? 1 : 0, MAX_STEP);
            total += next[i];
        }
        (, uint256 activeTotal, , , ) = DISTRIBUTOR.activeRoot();
        // After a dishonest root became active, an honest total may fall below it: the contract refuses that.
        if (total < activeTotal) total = activeTotal;
        if (_propose(MerkleBuilder.root(accounts, next), next, total, seed)) _latest = next;
    }

    /// @dev A dishonest publisher within the documented bounds: the total is funded and not below the active root's,
    /// but one leaf claims the whole funded amount on top of the others, so the leaves sum to more than the total.
    function proposeDishonest(uint256 seed) external {
        uint256[4] memory next = _latest;
        uint256 funded = DISTRIBUTOR.totalFunded();
        next[seed % 4] += funded + 1;
        (, uint256 activeTotal, , , ) = DISTRIBUTOR.activeRoot();
        uint256 total = funded > activeTotal ? funded : activeTotal;
        // Leaves still never decrease from one proposal to the next (the auditors' other check), so later roots build
        // on this one.
        if (_propose(MerkleBuilder.root(accounts, next), next, total, seed)) {
            ++dishonestProposals;
            _latest = next;
        }
    }

    /// @dev Proposes an earlier root again: a vetoed one must be refused for good; a replaced one may come back if
    /// no leaf is below the active root's (else it would lower leaves, which auditors veto).
    function repropose(uint256 seed) external {
        if (roots.length == 0) return;
        bytes32 root = roots[seed % roots.length];
        (bytes32 active, uint256 activeTotal, , , ) = DISTRIBUTOR.activeRoot();
        uint256[4] memory amounts = _entitlements[root];
        if (!vetoed[root]) {
            for (uint256 i; i < 4; ++i) if (amounts[i] < _entitlements[active][i]) return;
        }
        uint256 total = amounts[0] + amounts[1] + amounts[2] + amounts[3];
        if (total < activeTotal) total = activeTotal;
        if (total > DISTRIBUTOR.totalFunded()) total = DISTRIBUTOR.totalFunded();
        vm.prank(DISTRIBUTOR.publisher());
        try DISTRIBUTOR.propose(root, total, keccak256(abi.encode(seed)), "ipfs://again") {
            ++reproposals;
            if (vetoed[root]) ++vetoedReproposed;
        } catch {}
    }

    /// @dev The owner switches the publisher (sometimes to nobody, which stops proposals until set again).
    function setPublisher(uint256 seed) external {
        address next =
            seed % 3 == 0
                ? PUBLISHER
                : seed % 3 == 1
                    ? OTHER_PUBLISHER
                    : address(0);
        DISTRIBUTOR.setPublisher(next);
    }

    /// @dev The auditor resigns, or the owner registers it again.
    function auditorChurn() external {
        if (DISTRIBUTOR.isAuditor(AUDITOR)) {
            vm.prank(AUDITOR);
            DISTRIBUTOR.resignAuditor();
        } else {
            DISTRIBUTOR.addAuditor(AUDITOR);
        }
    }

    /// @dev Funds what `total` lacks and proposes as the current publisher; false if the contract refused.
    function _propose(bytes32 root, uint256[4] memory leaves, uint256 total, uint256 seed) internal returns (bool) {
        address publisher = DISTRIBUTOR.publisher();
        if (publisher == address(0) || DISTRIBUTOR.isVetoed(root)) return false;
        uint256 funded = DISTRIBUTOR.totalFunded();
        uint256 missing = total > funded ? total - funded : 0;
        TOKEN.mint(publisher, missing);
        vm.startPrank(publisher);
        TOKEN.approve(address(DISTRIBUTOR), missing);
        bool ok = true;
        if (missing == 0) {
            try DISTRIBUTOR.propose(root, total, keccak256(abi.encode(seed)), "ipfs://period") {} catch {
                ok = false;
            }
        } else {
            try
                DISTRIBUTOR.fundAndPropose(missing, root, total, keccak256(abi.encode(seed)), "ipfs://period")
            {} catch {
                ok = false;
            }
        }
        vm.stopPrank();
        if (!ok) return false;
        ghostFunded += missing;
        _entitlements[root] = leaves;
        roots.push(root);
        return true;
    }

    /// @dev Vetoes one call in four, so that most roots survive to be claimed.
    function veto(uint256 seed) external {
        if (seed % 4 != 0) return;
        (bytes32 pending, , , , uint256 claimableAt) = DISTRIBUTOR.pendingRoot();
        if (pending == bytes32(0) || block.timestamp >= claimableAt || !DISTRIBUTOR.isAuditor(AUDITOR)) return;
        vm.prank(AUDITOR);
        DISTRIBUTOR.veto(pending);
        vetoed[pending] = true;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 2 * WINDOW));
    }

    function promote() external {
        (, , , , uint256 claimableAt) = DISTRIBUTOR.pendingRoot();
        if (claimableAt == 0) {
            // Either nothing is pending or it matured: promotion succeeds only in the latter case.
            try DISTRIBUTOR.promote() {} catch {}
        }
    }

    /// @dev Claims for a random account against a random known root, by any of the three entry points;
    /// records whether anything was paid from a root that must not pay, and whether the amount was exact.
    function claim(uint256 accountSeed, uint256 rootSeed, uint256 mode) external {
        if (roots.length == 0) return;
        uint256 i = accountSeed % 4;
        // Mostly the newest roots (active, pending, just vetoed), where claims can still pay.
        uint256 back = rootSeed % 2 == 0 ? 0 : (rootSeed >> 1) % (roots.length < 3 ? roots.length : 3);
        if (rootSeed % 8 == 1) back = (rootSeed >> 8) % roots.length;
        bytes32 root = roots[roots.length - 1 - back];
        uint256[4] memory amounts = _entitlements[root];
        bytes32[] memory p = MerkleBuilder.proof(accounts, amounts, i);
        bool claimable = DISTRIBUTOR.isClaimable(root);
        uint256 before = DISTRIBUTOR.claimed(accounts[i]);
        uint256 balanceBefore = TOKEN.balanceOf(accounts[i]);
        mode %= 3;
        if (mode == 0) {
            try DISTRIBUTOR.claim(accounts[i], amounts[i], p) {} catch {}
        } else if (mode == 1) {
            try DISTRIBUTOR.claimWithRoot(accounts[i], amounts[i], p, root) {} catch {}
        } else {
            IDistributor.Claim[] memory batch = new IDistributor.Claim[](1);
            batch[0] = IDistributor.Claim(accounts[i], amounts[i], p);
            try DISTRIBUTOR.claimMany(batch) {} catch {}
        }
        uint256 paid = TOKEN.balanceOf(accounts[i]) - balanceBefore;
        if (paid == 0) return;
        ++claimsMade;
        if (before != 0) ++topUps;
        ghostPaid += paid;
        if (!claimable || vetoed[root]) ++unearnedPayments;
        if (paid != amounts[i] - before || DISTRIBUTOR.claimed(accounts[i]) != amounts[i]) ++wrongPayments;
    }
}

/// @notice The Distributor's invariants (DESIGN.md) under random funding, proposals, vetoes, time and claims.
contract DistributorInvariantTest is Test {
    uint256 internal constant WINDOW = 1 days;

    Distributor internal distributor;
    TestToken internal token;
    DistributorHandler internal handler;

    function setUp() public {
        token = new TestToken("USD", "USD", 6);
        address publisher = makeAddr("publisher");
        address auditor = makeAddr("auditor");
        address[] memory auditors = new address[](1);
        auditors[0] = auditor;
        distributor = new Distributor(address(token), address(this), publisher, WINDOW, auditors);
        handler = new DistributorHandler(distributor, token, publisher, auditor);
        distributor.transferOwnership(address(handler));
        vm.prank(address(handler));
        distributor.acceptOwnership();
        targetContract(address(handler));
        // Only the actions: the handler's getters would dilute the call sequences.
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = DistributorHandler.fund.selector;
        selectors[1] = DistributorHandler.propose.selector;
        selectors[2] = DistributorHandler.veto.selector;
        selectors[3] = DistributorHandler.warp.selector;
        selectors[4] = DistributorHandler.promote.selector;
        selectors[5] = DistributorHandler.claim.selector;
        selectors[6] = DistributorHandler.proposeDishonest.selector;
        selectors[7] = DistributorHandler.repropose.selector;
        selectors[8] = DistributorHandler.setPublisher.selector;
        selectors[9] = DistributorHandler.auditorChurn.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
    }

    function _sumClaimed() internal view returns (uint256 sum) {
        for (uint256 i; i < 4; ++i) {
            sum += distributor.claimed(handler.accounts(i));
        }
    }

    /// @dev Guards the handler itself: a fixed run must reach a paying claim, or the invariants are vacuous.
    function test_handler_reachesPayingClaims() public {
        handler.fund(0, 5);
        handler.propose(1);
        handler.warp(2 * WINDOW);
        handler.claim(0, 0, 0);
        handler.propose(2);
        handler.warp(2 * WINDOW);
        handler.claim(0, 0, 1);
        handler.claim(1, 0, 2);
        assertEq(handler.claimsMade(), 3, "claims paid");
        assertEq(handler.topUps(), 1, "a later period topped up");
        assertEq(handler.wrongPayments(), 0, "exact payments");
        // A dishonest root is vetoed and can never be proposed again; the publisher changes; the auditor resigns.
        handler.proposeDishonest(3);
        handler.veto(0);
        assertEq(handler.dishonestProposals(), 1, "a dishonest proposal");
        handler.repropose(handler.rootCount() - 1);
        assertEq(handler.vetoedReproposed(), 0, "the vetoed root was refused");
        handler.setPublisher(1);
        handler.propose(4);
        handler.repropose(handler.rootCount() - 1); // replaces the pending root with itself: allowed
        assertEq(handler.reproposals(), 1, "a replaced root proposed again");
        handler.auditorChurn();
        assertFalse(distributor.isAuditor(handler.AUDITOR()), "the auditor resigned");
        handler.auditorChurn();
        assertTrue(distributor.isAuditor(handler.AUDITOR()), "the owner registered it again");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_vetoedRootsNeverComeBack() public view {
        assertEq(handler.vetoedReproposed(), 0, "a vetoed root was accepted again");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_claimedNeverExceedsFunded() public view {
        assertEq(_sumClaimed(), handler.ghostPaid(), "claimed books every payment");
        assertLe(_sumClaimed(), distributor.totalFunded(), "sum claimed <= sum funded");
        assertEq(distributor.totalFunded(), handler.ghostFunded(), "every funding booked");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_claimedWithinEntitlement() public view {
        (bytes32 active, , , , ) = distributor.activeRoot();
        for (uint256 i; i < 4; ++i) {
            assertLe(
                distributor.claimed(handler.accounts(i)),
                handler.entitlement(active, i),
                "claimed <= entitlement"
            );
        }
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_claimPaysExactDifference() public view {
        assertEq(handler.wrongPayments(), 0, "claims pay entitlement - claimed");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_vetoedOrImmaturePayNothing() public view {
        assertEq(handler.unearnedPayments(), 0, "vetoed or immature roots paid");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_solvency() public view {
        assertGe(token.balanceOf(address(distributor)), distributor.totalFunded() - _sumClaimed(), "solvent");
    }
}
