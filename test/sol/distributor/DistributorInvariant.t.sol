// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {IDistributor} from "../../../contracts/interfaces/IDistributor.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";

// The handler lives in this .t.sol file: the invariant runner only fuzzes contracts from test files.
/// @notice Drives a Distributor with funders, a publisher proposing growing cumulative four-leaf trees,
/// an auditor vetoing, time warps and claimers; ghost variables record what the invariants check.
contract DistributorHandler is Test {
    uint256 internal constant WINDOW = 1 days;
    uint256 internal constant MAX_STEP = 1e24;

    Distributor public immutable DISTRIBUTOR;
    TestToken public immutable TOKEN;
    address public immutable PUBLISHER;
    address public immutable AUDITOR;
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
        bytes32 root = MerkleBuilder.root(accounts, next);
        uint256 funded = DISTRIBUTOR.totalFunded();
        uint256 missing = total > funded ? total - funded : 0;
        TOKEN.mint(PUBLISHER, missing);
        vm.startPrank(PUBLISHER);
        TOKEN.approve(address(DISTRIBUTOR), missing);
        if (missing == 0) DISTRIBUTOR.propose(root, total, keccak256(abi.encode(seed)), "ipfs://period");
        else DISTRIBUTOR.fundAndPropose(missing, root, total, keccak256(abi.encode(seed)), "ipfs://period");
        vm.stopPrank();
        ghostFunded += missing;
        _latest = next;
        _entitlements[root] = next;
        roots.push(root);
    }

    /// @dev Vetoes one call in four, so that most roots survive to be claimed.
    function veto(uint256 seed) external {
        if (seed % 4 != 0) return;
        (bytes32 pending, , , , uint256 claimableAt) = DISTRIBUTOR.pendingRoot();
        if (pending == bytes32(0) || block.timestamp >= claimableAt) return;
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
        targetContract(address(handler));
        // Only the actions: the handler's getters would dilute the call sequences.
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = DistributorHandler.fund.selector;
        selectors[1] = DistributorHandler.propose.selector;
        selectors[2] = DistributorHandler.veto.selector;
        selectors[3] = DistributorHandler.warp.selector;
        selectors[4] = DistributorHandler.promote.selector;
        selectors[5] = DistributorHandler.claim.selector;
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
