// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {IDistributor} from "../../../contracts/interfaces/IDistributor.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {MerkleBuilder} from "./MerkleBuilder.sol";

/// @notice Property tests of single claims and funding over fuzzed amounts.
contract DistributorFuzzTest is Test {
    uint256 internal constant WINDOW = 1 days;
    uint256 internal constant MAX = 1e36;

    TestToken internal token;
    Distributor internal distributor;
    address internal publisher = makeAddr("publisher");
    address internal auditor = makeAddr("auditor");
    address[4] internal accounts;

    function setUp() public {
        token = new TestToken("USD", "USD", 6);
        address[] memory auditors = new address[](1);
        auditors[0] = auditor;
        distributor = new Distributor(address(token), address(this), publisher, WINDOW, auditors);
        for (uint256 i; i < 4; ++i) {
            accounts[i] = makeAddr(string(abi.encodePacked("artist", i)));
        }
        vm.prank(publisher);
        token.approve(address(distributor), type(uint256).max);
    }

    function _activate(uint256[4] memory amounts) internal returns (bytes32 root) {
        root = MerkleBuilder.root(accounts, amounts);
        uint256 total = amounts[0] + amounts[1] + amounts[2] + amounts[3];
        uint256 missing = total - distributor.totalFunded();
        token.mint(publisher, missing);
        vm.prank(publisher);
        if (missing == 0) distributor.propose(root, total, bytes32(0), "");
        else distributor.fundAndPropose(missing, root, total, bytes32(0), "");
        vm.warp(block.timestamp + WINDOW);
        distributor.promote();
    }

    function testFuzz_claim_paysExactDifferenceAcrossPeriods(uint256 first, uint256 second, uint256 i) public {
        first = bound(first, 1, MAX);
        second = bound(second, first, MAX);
        i = bound(i, 0, 3);
        uint256[4] memory amounts = [uint256(1), 2, 3, 4];
        amounts[i] = first;
        _activate(amounts);
        distributor.claim(accounts[i], first, MerkleBuilder.proof(accounts, amounts, i));
        assertEq(token.balanceOf(accounts[i]), first, "first period paid");

        uint256[4] memory later = [uint256(5), 6, 7, 8];
        later[i] = second;
        _activate(later);
        bytes32[] memory p = MerkleBuilder.proof(accounts, later, i);
        if (second == first) {
            vm.expectRevert(abi.encodeWithSelector(IDistributor.DistributorNothingToClaim.selector, accounts[i]));
            distributor.claim(accounts[i], second, p);
        } else {
            assertEq(distributor.claim(accounts[i], second, p), second - first, "returns the difference");
        }
        assertEq(token.balanceOf(accounts[i]), second, "cumulative paid");
        assertEq(distributor.claimed(accounts[i]), second, "claimed booked");
    }

    function testFuzz_claim_RevertWhen_amountOrAccountDiffers(
        uint256 real,
        uint256 asked,
        uint256 i,
        uint256 j
    ) public {
        real = bound(real, 1, MAX);
        asked = bound(asked, 0, MAX);
        i = bound(i, 0, 3);
        j = bound(j, 0, 3);
        vm.assume(asked != real || i != j);
        uint256[4] memory amounts = [uint256(10), 20, 30, 40];
        amounts[i] = real;
        // Keep leaves distinct so that account j's proof can only prove its own leaf.
        vm.assume(j == i || amounts[j] != asked);
        _activate(amounts);
        bytes32[] memory p = MerkleBuilder.proof(accounts, amounts, i);
        vm.expectRevert(abi.encodeWithSelector(IDistributor.DistributorInvalidProof.selector, accounts[j], asked));
        distributor.claim(accounts[j], asked, p);
    }

    function testFuzz_veto_vetoedRootNeverPays(uint256 amount, uint256 wait) public {
        amount = bound(amount, 1, MAX);
        wait = bound(wait, 0, 10 * WINDOW);
        uint256[4] memory amounts = [amount, 1, 1, 1];
        bytes32 root = MerkleBuilder.root(accounts, amounts);
        token.mint(publisher, amount + 3);
        vm.prank(publisher);
        distributor.fundAndPropose(amount + 3, root, amount + 3, bytes32(0), "");
        vm.prank(auditor);
        distributor.veto(root);
        vm.warp(block.timestamp + wait);
        assertFalse(distributor.isClaimable(root), "vetoed root is not claimable");
        bytes32[] memory p = MerkleBuilder.proof(accounts, amounts, 0);
        vm.expectRevert(abi.encodeWithSelector(IDistributor.DistributorInvalidProof.selector, accounts[0], amount));
        distributor.claim(accounts[0], amount, p);
    }

    function testFuzz_fund_refusesNothingAndBooksExactly(uint256 a, uint256 b) public {
        a = bound(a, 1, MAX);
        b = bound(b, 1, MAX);
        token.mint(publisher, a + b);
        vm.startPrank(publisher);
        distributor.fund(a);
        distributor.fund(b);
        vm.stopPrank();
        assertEq(distributor.totalFunded(), a + b, "total funded");
        assertEq(token.balanceOf(address(distributor)), a + b, "balance");
    }
}
