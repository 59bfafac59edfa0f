// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SplitTestBase} from "./SplitTestBase.sol";
import {SplitFactory} from "../../../contracts/split/SplitFactory.sol";
import {Split} from "../../../contracts/split/Split.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {SplitTreeHarness} from "./SplitTreeHarness.sol";

/// @notice Fuzzes the release math and the tree: never above share, Σ paid <= received, dust < payees.
contract SplitFuzzTest is SplitTestBase {
    SplitFactory internal factory;
    TestToken internal token;
    SplitTreeHarness internal harness;

    function setUp() public {
        factory = _newFactory();
        token = new TestToken("T", "T", 18);
        harness = new SplitTreeHarness();
    }

    function _config(uint256 n, uint256 seed) internal pure returns (uint256[] memory p) {
        uint96[] memory shares = new uint96[](n);
        for (uint256 i; i < n; ++i) shares[i] = uint96(bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e9));
        p = _payees(n, seed, shares);
    }

    function testFuzz_release_neverExceedsShare(uint256 seed, uint256 n, uint256 a1, uint256 a2, bytes32 salt) public {
        n = bound(n, 2, 12);
        a1 = bound(a1, 0, 1e30);
        a2 = bound(a2, 0, 1e30);
        uint256[] memory p = _config(n, seed);
        Split split = Split(factory.createSplit(p, salt));
        uint256 total = _total(p);
        token.mint(address(split), a1);
        // Every other payee releases after the first payment, everyone after the second.
        for (uint256 i; i < n; i += 2)
            split.release(address(token), _account(p[i]), _share(p[i]), total, salt, _proof(p, salt, i));
        token.mint(address(split), a2);
        uint256 paid;
        for (uint256 i; i < n; ++i) {
            split.release(address(token), _account(p[i]), _share(p[i]), total, salt, _proof(p, salt, i));
            uint256 got = token.balanceOf(_account(p[i]));
            assertLe(got, (uint256(_share(p[i])) * (a1 + a2)) / total, "payee above share");
            paid += got;
        }
        assertLe(paid, a1 + a2, "paid above received");
        assertLt(token.balanceOf(address(split)), n, "dust not below payee count");
    }

    function testFuzz_releaseAll_matchesIndividualReleases(uint256 seed, uint256 n, uint256 amount) public {
        n = bound(n, 2, 40);
        amount = bound(amount, 0, 1e30);
        uint256[] memory p = _config(n, seed);
        Split split = Split(factory.createSplit(p, bytes32(seed)));
        token.mint(address(split), amount);
        uint256 paid = split.releaseAll(address(token), p, bytes32(seed));
        uint256 total = _total(p);
        for (uint256 i; i < n; ++i) {
            assertEq(token.balanceOf(_account(p[i])), (uint256(_share(p[i])) * amount) / total, "floor share");
        }
        assertEq(split.totalReleased(address(token)), paid, "totalReleased");
        assertLt(token.balanceOf(address(split)), n, "dust");
    }

    function testFuzz_root_everyProofVerifies(uint256 seed, uint256 n, bytes32 salt) public view {
        n = bound(n, 2, 70);
        uint256[] memory p = _config(n, seed);
        uint256 total = harness.sumShares(p);
        bytes32 root = harness.root(p, total, salt);
        for (uint256 i; i < n; ++i) {
            bytes32 leaf = harness.leaf(_account(p[i]), _share(p[i]), total, salt);
            assertEq(harness.processProof(_proof(p, salt, i), leaf), root, "proof");
        }
    }

    function testFuzz_RevertWhen_proofForAnotherShare(uint256 seed, uint96 wrongShare) public {
        uint256[] memory p = _config(3, seed);
        Split split = Split(factory.createSplit(p, 0));
        vm.assume(wrongShare != _share(p[0]));
        bytes32[] memory proof = _proof(p, 0, 0);
        uint256 total = _total(p);
        vm.expectRevert();
        split.release(address(token), _account(p[0]), wrongShare, total, 0, proof);
    }
}
